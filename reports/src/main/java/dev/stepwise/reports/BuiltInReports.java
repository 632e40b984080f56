package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The three built-in reports in their default places under a reports folder. */
public final class BuiltInReports {
    private BuiltInReports() {
    }

    /**
     * {@code <reportsDir>/xml-report/TEST-*.xml}, {@code <reportsDir>/json-report/report.ndjson} and
     * {@code <reportsDir>/html-report/index.html}.
     */
    public static List<ReporterListener> create(Path reportsDir, Optional<Path> screenshotsDir) {
        return List.of(new JUnitXmlReporter(reportsDir.resolve("xml-report")),
                new JsonReporter(reportsDir.resolve("json-report").resolve("report.ndjson")),
                new HtmlReporter(reportsDir.resolve("html-report").resolve("index.html"), screenshotsDir));
    }
}
