package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.EventLogReader;
import dev.stepwise.proto.SuiteExecutionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unwritable reports folder (issue 9, "Faults"), through the real CLI and runner. The folder is made unwritable by
 * putting a regular file where it should be, which works when the tests run as root (chmod would not). The run must
 * still execute with its results on the console, name what could not be written and where, keep Stepwise's exit-code
 * rule for reporter failures (a passing run exits 1, 0 with {@code --allow-plugin-failures}), and present no report
 * that is not complete.
 */
class UnwritableReportsIT {
    private static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        env = ParallelProject.env();
    }

    @Test
    void aReportsFolderThatIsAFileGivesAClearErrorAndTheResultsStayOnTheConsole() throws Exception {
        Path project = ParallelProject.create(tmp.resolve("p"), 2, 2, false);
        Path reports = project.resolve("reports");
        Files.writeString(reports, "not a folder\n");

        CliRuns.Run r = CliRuns.run(env, "run", "--project", project.toString());
        String out = r.out();
        assertTrue(out.contains("Scenarios:      4 executed, 4 passed, 0 failed, 0 skipped"), out);
        assertTrue(out.contains("PASS  Scenario 01-1"), out);
        // The exit code: a reporter failure turns a passing run's 0 into 1, and the console says why.
        assertEquals(1, r.exit(), out);
        assertTrue(out.contains("Exit code 1 because a reporter failed (--allow-plugin-failures keeps it at 0)."), out);
        // Each report is named with its path and the reason; none is presented as written.
        for (String path : List.of("reports/json-report/report.ndjson", "reports/xml-report/",
                "reports/html-report/index.html")) {
            assertTrue(out.contains(path), path + "\n" + out);
        }
        assertTrue(out.contains("Reporter failed: built-in json") && out.contains("Reporter failed: built-in junit")
                && out.contains("Reporter failed: built-in html"), out);
        assertTrue(out.contains(reports.resolve("json-report") + ": Not a directory"), out);
        assertTrue(out.contains("error: reports NOT written or incomplete"), out);
        assertFalse(out.contains("Reports: "), "no report is presented as written\n" + out);
        assertTrue(out.contains("the event log could not be created under " + reports.resolve("events")), out);
        assertFalse(out.contains("Event log: "), out);
        assertEquals("not a folder\n", Files.readString(reports), "the file in the way is left alone");

        CliRuns.Run allowed = CliRuns.run(env, "run", "--project", project.toString(),
                "--allow-plugin-failures");
        assertEquals(0, allowed.exit(), allowed.out());
        assertTrue(allowed.out().contains("Reporter failures do not change the exit code (allowed)."), allowed.out());
    }

    @Test
    void oneUnwritableReportIsNamedAndTheOthersAreWrittenComplete() throws Exception {
        Path project = ParallelProject.create(tmp.resolve("p"), 2, 2, false);
        Path html = project.resolve("reports/html-report");
        Files.createDirectories(html.getParent());
        Files.writeString(html, "in the way\n");

        CliRuns.Run r = CliRuns.run(env, "run", "--project", project.toString());
        String out = r.out();
        assertEquals(1, r.exit(), out);
        assertTrue(out.contains("Scenarios:      4 executed, 4 passed, 0 failed, 0 skipped"), out);
        assertTrue(out.contains("Reports: reports/xml-report/, reports/json-report/report.ndjson\n"), out);
        assertTrue(out.contains("error: reports NOT written or incomplete (their writer failed, see below): "
                + "reports/html-report/index.html."), out);
        assertTrue(out.contains("Reporter failed: built-in html")
                && out.contains("cannot write the HTML report to " + html.resolve("index.html")), out);
        assertFalse(out.contains("Reporter failed: built-in json"), out);

        // The reports that are presented are whole: the JSON ends with its suite line, one XML file per spec.
        List<String> json = ParallelProject.jsonLines(project);
        assertTrue(json.get(json.size() - 1).startsWith("{\"type\":\"suite\""), json.toString());
        assertEquals(4, json.stream().filter(l -> l.startsWith("{\"type\":\"scenario\"")).count(), json.toString());
        try (Stream<Path> xml = Files.list(project.resolve("reports/xml-report"))) {
            List<String> names = xml.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.startsWith("TEST-s0") && n.endsWith(".xml")), names.toString());
        }
        // No half-written file is left where a report or its temp file would be.
        try (Stream<Path> all = Files.walk(project.resolve("reports"))) {
            List<Path> leftovers = all.filter(p -> p.getFileName().toString().matches(".*\\.(tmp|part|data)$"))
                    .toList();
            assertEquals(List.of(), leftovers);
        }
        Path log = EventLog.latest(project.resolve("reports/events"));
        assertTrue(out.contains("Event log: reports/events/" + log.getFileName()), out);
        boolean suiteResult = false;
        try (EventLogReader reader = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = reader.next()) != null) {
                suiteResult |= rec.event() instanceof SuiteExecutionResult;
            }
            assertNull(reader.truncated());
        }
        assertTrue(suiteResult, "the event log is complete");
    }
}
