package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code overwrite_reports}: the fixed folders replaced by each run, or a new folder per run as Gauge names it. */
class ReportFoldersTest {
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 1, 2, 10, 11, 12, 345_000_000, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static RunDriver driver(ReportFolders folders) {
        return new RunDriver(BuiltInReports.create(folders, Optional.empty()).toArray(ReporterListener[]::new));
    }

    /** Two specs, five scenario attempts. */
    private static void firstRun(ReportFolders folders) throws Exception {
        RunDriver.sampleRun(driver(folders));
    }

    /** One of the first run's two specs, one scenario; the suite events sent but the reporters not yet closed. */
    private static RunDriver secondRunUpToClose(ReportFolders folders) throws Exception {
        RunDriver d = driver(folders);
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Open an account", "passed", 0);
        d.endSpec();
        d.sendSuiteEnd();
        return d;
    }

    /** File name to content, for every file under {@code dir}. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private static List<String> hiddenEntries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static long scenarioLines(Path json) throws IOException {
        return Files.readAllLines(json).stream().filter(l -> l.startsWith("{\"type\":\"scenario\"")).count();
    }

    @Test
    void overwritingReplacesTheEarlierRunsJUnitFolderAsAWholeWhenTheRunEnds() throws Exception {
        Path reports = tmp.resolve("reports");
        ReportFolders folders = ReportFolders.overwriting(reports);
        firstRun(folders);
        Path xml = folders.folder(ReportFolders.Report.JUNIT);
        assertEquals(reports.resolve("xml-report"), xml);
        Map<String, String> first = contents(xml);
        assertEquals(2, first.size(), first.keySet().toString());

        RunDriver second = secondRunUpToClose(folders);
        // Until the second run's JUnit writer ends, the folder is exactly the first run's: never a mix.
        assertEquals(first, contents(xml));
        second.close();

        Map<String, String> after = contents(xml);
        assertEquals(1, after.size(), "the spec the second run did not have left no file: " + after.keySet());
        String accounts = after.keySet().iterator().next();
        assertTrue(first.containsKey(accounts), "same spec, same file name: " + accounts);
        assertTrue(after.get(accounts).contains("tests=\"1\""), after.get(accounts));
        assertEquals(1, scenarioLines(folders.location(ReportFolders.Report.JSON)));
        assertTrue(Files.readString(folders.location(ReportFolders.Report.HTML)).contains("Open an account"));
        assertEquals(List.of(), hiddenEntries(reports), "no staging, old or temp folder is left");
    }

    @Test
    void withoutOverwritingEachRunGetsItsOwnFolderNamedAsGaugesPluginsNameThem() throws Exception {
        Path reports = tmp.resolve("reports");
        ReportFolders one = ReportFolders.newRunFolder(reports, NOW, EnumSet.allOf(ReportFolders.Report.class));
        firstRun(one);
        // A second run in the same second: Gauge would reuse the folder; here it gets the next free name.
        ReportFolders two = ReportFolders.newRunFolder(reports, NOW, EnumSet.allOf(ReportFolders.Report.class));
        secondRunUpToClose(two).close();

        assertEquals(Optional.of("2026-01-02 10.11.12"), one.runFolder());
        assertEquals(Optional.of("2026-01-02 10.11.12-1"), two.runFolder());
        assertFalse(one.overwrites());
        assertEquals(reports.resolve("html-report/2026-01-02 10.11.12/index.html"),
                one.location(ReportFolders.Report.HTML));
        assertEquals(reports.resolve("xml-report/2026-01-02 10.11.12-1"), two.location(ReportFolders.Report.JUNIT));
        assertEquals(5, scenarioLines(one.location(ReportFolders.Report.JSON)), "the first run's report is kept");
        assertEquals(1, scenarioLines(two.location(ReportFolders.Report.JSON)));
        assertEquals(2, contents(one.folder(ReportFolders.Report.JUNIT)).size());
        assertEquals(1, contents(two.folder(ReportFolders.Report.JUNIT)).size());
        assertTrue(Files.isRegularFile(one.location(ReportFolders.Report.HTML)));
        assertTrue(Files.isRegularFile(two.location(ReportFolders.Report.HTML)));
        assertEquals(List.of(), hiddenEntries(reports));
    }

    @Test
    void aRunFolderNameIsTakenWhenAnyOfTheRunsReportFoldersExists() throws Exception {
        Path reports = tmp.resolve("reports");
        Files.createDirectories(reports.resolve("json-report/2026-01-02 10.11.12"));
        ReportFolders f = ReportFolders.newRunFolder(reports, NOW, EnumSet.allOf(ReportFolders.Report.class));
        assertEquals(Optional.of("2026-01-02 10.11.12-1"), f.runFolder());
        for (ReportFolders.Report r : ReportFolders.Report.values()) {
            assertTrue(Files.isDirectory(f.folder(r)), "claimed: " + f.folder(r));
        }
        assertFalse(Files.exists(reports.resolve("xml-report/2026-01-02 10.11.12")),
                "a folder claimed for a name that was then given up is removed");
    }

    @Test
    void anUnwritableReportsFolderStillGivesAFolderAndTheReportsFailWithTheirPath() throws Exception {
        Path reports = tmp.resolve("reports");
        Files.writeString(reports, "a file in the way\n");
        ReportFolders f = ReportFolders.newRunFolder(reports, NOW, EnumSet.allOf(ReportFolders.Report.class));
        assertEquals(Optional.of("2026-01-02 10.11.12"), f.runFolder());
        RunDriver d = new RunDriver(f.create(ReportFolders.Report.JUNIT, Optional.empty()));
        d.startSuite();
        IOException e = assertThrows(IOException.class, () -> d.startSpec("Accounts"));
        assertTrue(e.getMessage().contains("cannot write the JUnit XML report to "
                + reports.resolve("xml-report/2026-01-02 10.11.12")), e.getMessage());
    }

    @Test
    void aFileInPlaceOfTheJUnitFolderIsNamedAndLeftAloneAndNothingIsLeftBehind() throws Exception {
        Path reports = tmp.resolve("reports");
        Files.createDirectories(reports);
        Files.writeString(reports.resolve("xml-report"), "in the way\n");
        ReportFolders folders = ReportFolders.overwriting(reports);
        RunDriver d = new RunDriver(folders.create(ReportFolders.Report.JUNIT, Optional.empty()));
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Open an account", "passed", 0);
        d.endSpec();
        d.sendSuiteEnd();
        IOException e = assertThrows(IOException.class, d::close);
        assertTrue(e.getMessage().startsWith("cannot replace " + reports.resolve("xml-report")
                + " with this run's JUnit XML report"), e.getMessage());
        assertTrue(e.getMessage().contains("a file that is not a folder is in the way"), e.getMessage());
        assertEquals("in the way\n", Files.readString(reports.resolve("xml-report")));
        assertEquals(List.of(), hiddenEntries(reports), "the staged files are removed");
    }
}
