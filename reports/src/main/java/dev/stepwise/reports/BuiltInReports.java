package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The three built-in reports in their default places under a reports folder. */
public final class BuiltInReports {
    private BuiltInReports() {
    }

    /**
     * {@code <reportsDir>/xml-report/TEST-*.xml}, {@code <reportsDir>/json-report/report.ndjson} and
     * {@code <reportsDir>/html-report/index.html}, replacing the previous run's ({@link ReportFolders#overwriting}).
     */
    public static List<ReporterListener> create(Path reportsDir, Optional<Path> screenshotsDir) {
        return create(ReportFolders.overwriting(reportsDir), screenshotsDir);
    }

    /** The three reports in {@code folders}. */
    public static List<ReporterListener> create(ReportFolders folders, Optional<Path> screenshotsDir) {
        return Arrays.stream(ReportFolders.Report.values()).map(r -> folders.create(r, screenshotsDir)).toList();
    }
}
