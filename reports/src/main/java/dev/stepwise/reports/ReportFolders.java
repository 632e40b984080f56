package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the built-in reports of one run are written, after Gauge's {@code overwrite_reports} as its html-report and
 * xml-report plugins read it:
 * <ul>
 *   <li>{@link #overwriting overwriting} ({@code overwrite_reports=true}, the default): the fixed folders
 *       {@code <reports>/xml-report/}, {@code json-report/} and {@code html-report/}; each run replaces the previous
 *       run's report in one step (single files by an atomic rename, the JUnit XML folder as a whole);</li>
 *   <li>{@link #newRunFolder a new run folder} ({@code overwrite_reports=false}): one sub-folder per report named
 *       as Gauge's plugins name it, the local time as {@code yyyy-MM-dd HH.mm.ss}
 *       ({@code <reports>/html-report/2026-01-02 10.11.12/index.html}), the same name for the three reports of a run.
 *       Gauge reuses the folder when two runs start in the same second; here a name is taken only if none of the
 *       run's report folders exists yet, else {@code -1}, {@code -2}, ... is appended, so no run's report is ever
 *       overwritten.</li>
 * </ul>
 * Immutable.
 */
public final class ReportFolders {

    /** The three built-in reports, with the folder each one writes under the reports folder. */
    public enum Report {
        /** JUnit XML, one {@code TEST-*.xml} per spec (the folder is what the console names). */
        JUNIT("xml-report", null),
        /** {@code report.ndjson} ({@code docs/report-json-schema.md}). */
        JSON("json-report", "report.ndjson"),
        /** {@code index.html}, one self-contained page. */
        HTML("html-report", "index.html");

        private final String folderName;
        private final String fileName;

        Report(String folderName, String fileName) {
            this.folderName = folderName;
            this.fileName = fileName;
        }

        /** The folder's name under the reports folder: {@code xml-report}, {@code json-report}, {@code html-report}. */
        public String folderName() {
            return folderName;
        }
    }

    /** Gauge's plugins format the run folder with Go's layout {@code "2006-01-02 15.04.05"}, in local time. */
    public static final DateTimeFormatter RUN_FOLDER_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH.mm.ss",
            Locale.ROOT);

    /** More runs in one second than this is not a real project; the last name is then used as it is. */
    private static final int MAX_SUFFIX = 10_000;

    private final Path reportsDir;
    private final Optional<String> runFolder;

    private ReportFolders(Path reportsDir, Optional<String> runFolder) {
        this.reportsDir = Objects.requireNonNull(reportsDir, "reportsDir");
        this.runFolder = Objects.requireNonNull(runFolder, "runFolder");
    }

    /** The fixed folders under {@code reportsDir}, replaced by every run ({@code overwrite_reports=true}). */
    public static ReportFolders overwriting(Path reportsDir) {
        return new ReportFolders(reportsDir, Optional.empty());
    }

    /**
     * A run folder of its own under each of {@code reports}' folders ({@code overwrite_reports=false}), named after
     * {@code now}. The folders are created here, each with an atomic create, so a concurrent run cannot claim the
     * same name. If they cannot be created (the reports folder is not writable), the name is still returned and
     * each report fails with its own message naming its path when it writes.
     */
    public static ReportFolders newRunFolder(Path reportsDir, ZonedDateTime now, Collection<Report> reports) {
        String base = RUN_FOLDER_NAME.format(now);
        String name = base;
        for (int i = 1; i < MAX_SUFFIX; i++) {
            Optional<Boolean> claimed = claim(reportsDir, name, reports);
            if (claimed.isEmpty() || claimed.get()) {
                break;
            }
            name = base + "-" + i;
        }
        return new ReportFolders(reportsDir, Optional.of(name));
    }

    /** True: every folder was created; false: one already existed (none is kept); empty: creating failed. */
    private static Optional<Boolean> claim(Path reportsDir, String name, Collection<Report> reports) {
        List<Path> created = new ArrayList<>();
        for (Report r : reports) {
            Path parent = reportsDir.resolve(r.folderName);
            Path dir = parent.resolve(name);
            try {
                Files.createDirectories(parent);
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
            try {
                Files.createDirectory(dir);
                created.add(dir);
            } catch (FileAlreadyExistsException e) {
                for (Path p : created) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // an empty folder of a name no report will use
                    }
                }
                return Optional.of(false);
            } catch (IOException | SecurityException e) {
                return Optional.empty();
            }
        }
        return Optional.of(true);
    }

    public Path reportsDir() {
        return reportsDir;
    }

    /** The run folder's name ({@code 2026-01-02 10.11.12}), when this run has folders of its own. */
    public Optional<String> runFolder() {
        return runFolder;
    }

    /** True when the fixed folders are replaced by each run. */
    public boolean overwrites() {
        return runFolder.isEmpty();
    }

    /** The folder {@code report} writes into: {@code <reports>/html-report} or {@code <reports>/html-report/<run>}. */
    public Path folder(Report report) {
        Path fixed = reportsDir.resolve(report.folderName);
        return runFolder.map(fixed::resolve).orElse(fixed);
    }

    /** What to show the user: the report's file, or for JUnit XML its folder. */
    public Path location(Report report) {
        return report.fileName == null ? folder(report) : folder(report).resolve(report.fileName);
    }

    /**
     * The report's writer, in its place.
     *
     * @param screenshotsDir where relative screenshot names are resolved (the HTML report embeds them), if known
     */
    public ReporterListener create(Report report, Optional<Path> screenshotsDir) {
        return switch (report) {
            case JUNIT -> overwrites() ? JUnitXmlReporter.replacingFolder(folder(report))
                    : new JUnitXmlReporter(folder(report));
            case JSON -> new JsonReporter(location(report));
            case HTML -> new HtmlReporter(location(report), screenshotsDir);
        };
    }

    @Override
    public String toString() {
        return runFolder.map(n -> reportsDir + "/*/" + n).orElse(reportsDir.toString());
    }
}
