package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.EventLogReader;
import dev.stepwise.proto.SuiteExecutionResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk that fills up part-way through a run (issue 9, "Faults"), through the real CLI and runner, with a real
 * ENOSPC: each folder under test is a tmpfs of a few 4 KiB pages mounted for the test, so the kernel fails the write
 * that needs one page more with {@code No space left on device}. Each folder has its own mount, so where each writer
 * stops does not depend on how the others' writes interleave.
 *
 * <p>Mounting needs root (CAP_SYS_ADMIN), as the tests have here. Where they cannot mount, they fail and say so: a
 * skipped test would let a CI without that right pass without checking anything.
 */
class DiskFullIT {
    private static final int PAGE = 4096;
    private static Map<String, String> env;

    @TempDir
    Path tmp;

    private final List<Path> mounts = new ArrayList<>();

    @BeforeAll
    static void locate() {
        env = ParallelProject.env();
    }

    /**
     * Unmounts every disk. A plain {@code umount} fails while a file there is open, so it also checks that no writer
     * kept a file open on its full disk (before the fix, the JUnit XML report did); such a disk is then detached
     * lazily and the test fails.
     */
    @AfterEach
    void unmount() throws Exception {
        List<String> busy = new ArrayList<>();
        for (int i = mounts.size() - 1; i >= 0; i--) {
            String dir = mounts.get(i).toString();
            Result umount = command("umount", dir);
            if (umount.code() != 0) {
                busy.add(umount.out());
                command("umount", "-l", dir);
            }
        }
        mounts.clear();
        assertEquals(List.of(), busy, "a file was left open on a full disk");
    }

    private record Result(int code, String out) {
    }

    private static Result command(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(p.waitFor(), out);
    }

    /** {@code dir} (created) becomes a disk of {@code pages} pages: the bytes of files there round up to pages. */
    private void tinyDisk(Path dir, int pages) throws Exception {
        Files.createDirectories(dir);
        Result mount = command("mount", "-t", "tmpfs", "-o", "size=" + pages * PAGE / 1024 + "k,mode=0755",
                "stepwise-disk-full", dir.toString());
        assertEquals(0, mount.code(), "cannot mount a tmpfs on " + dir + ": " + mount.out() + " (this test needs root "
                + "or CAP_SYS_ADMIN for a real ENOSPC; it fails rather than pass without checking)");
        mounts.add(dir);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Two specs of three scenarios: its event log is about 18 KB, its JSON report about 5 KB. */
    private Path project() throws IOException {
        return ParallelProject.create(tmp.resolve("p"), 2, 3, false);
    }

    @Test
    void anEventLogThatFillsItsDiskIsReportedIncompleteAndDoesNotChangeTheExitCode() throws Exception {
        Path project = project();
        Path events = project.resolve("reports/events");
        // One page for the latest pointer, one for the in-progress marker, one for the log: the log stops at 4096 of
        // its ~18,000 bytes.
        tinyDisk(events, 3);

        CliRuns.Run r = CliRuns.run(env, "run", "--project", project.toString());
        String out = r.out();
        assertEquals(0, r.exit(), "an event-log failure alone leaves a passing run's exit code at 0\n" + out);
        assertTrue(out.contains("Scenarios:      6 executed, 6 passed, 0 failed, 0 skipped"), out);
        assertTrue(out.contains("PASS  Scenario 01-2"), out);
        Path log = EventLog.latest(events);
        assertTrue(out.contains("error: the event log reports/events/" + log.getFileName() + " is INCOMPLETE (writing "
                + "stopped: IOException: No space left on device; the disk is full: free space on it); it holds the run "
                + "up to that point"), out);
        assertFalse(out.contains("Event log: "), out);
        assertTrue(out.contains("Reports: reports/html-report/index.html, reports/xml-report/, "
                + "reports/json-report/report.ndjson\n"), "the reports, on another disk, are written\n" + out);
        assertFalse(out.contains("Reporter failed"), out);

        assertEquals(PAGE, Files.size(log), "the log filled its page");
        int records = 0;
        boolean suiteResult = false;
        try (EventLogReader reader = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = reader.next()) != null) {
                records++;
                suiteResult |= rec.event() instanceof SuiteExecutionResult;
            }
        }
        assertTrue(records > 0, "the log holds the run up to the full disk");
        assertFalse(suiteResult, "and not its end");
        assertEquals(List.of(log.getFileName().toString(), EventLog.LATEST), files(events), "no temp file left");
    }

    @Test
    void reportsThatFillTheirDisksAreNamedWithPathAndReasonAndNoneIsPresentedAsWritten() throws Exception {
        Path project = project();
        Path reports = project.resolve("reports");
        // The JUnit XML report stages its files in a folder beside xml-report (it replaces the folder as a whole), so
        // reports/ itself is its disk: one page, room for the first spec's file (about 1 KB; a spec's test cases are
        // held in memory until it ends), not for the second spec's file as well. JSON: one page for its ~5 KB; HTML:
        // one page for its ~20 KB page and data file; the event log gets a roomy disk of its own.
        tinyDisk(reports, 1);
        tinyDisk(reports.resolve("events"), 64);
        tinyDisk(reports.resolve("json-report"), 1);
        tinyDisk(reports.resolve("html-report"), 1);

        CliRuns.Run r = CliRuns.run(env, "run", "--project", project.toString());
        String out = r.out();
        assertTrue(out.contains("Scenarios:      6 executed, 6 passed, 0 failed, 0 skipped"), out);
        assertTrue(out.contains("PASS  Scenario 00-0") && out.contains("PASS  Scenario 01-2"), out);
        assertEquals(1, r.exit(), out);
        assertTrue(out.contains("Exit code 1 because a reporter failed (--allow-plugin-failures keeps it at 0)."), out);
        String full = " (IOException: No space left on device); the disk is full: free space on it";
        assertTrue(out.contains("Reporter failed: built-in json failed on ") && out.contains(
                "cannot write the JSON report to " + reports.resolve("json-report/report.ndjson") + full), out);
        assertTrue(out.contains("Reporter failed: built-in html failed on ") && out.contains(
                "cannot write the HTML report to " + reports.resolve("html-report/index.html") + full), out);
        assertTrue(out.matches("(?s).*Reporter failed: built-in junit failed on [^\n]*: cannot write the JUnit XML "
                + "report to " + java.util.regex.Pattern.quote(reports.resolve("xml-report") + "/TEST-s01-")
                + "[0-9a-f]+\\.xml" + java.util.regex.Pattern.quote(full) + ".*"), out);
        assertTrue(out.contains("error: reports NOT written or incomplete (their writer failed, see below): "
                + "reports/html-report/index.html, reports/xml-report/, reports/json-report/report.ndjson. The results "
                + "above are complete."), out);
        assertFalse(out.contains("Reports: "), "no report is presented as written\n" + out);
        assertTrue(out.contains("Event log: reports/events/"), "the event log, on another disk, is complete\n" + out);

        // Nothing half-written under a report's name, no temp file and no staging folder left: only the first
        // spec's whole XML file (the folder is listed as incomplete above).
        assertEquals(List.of(), files(reports.resolve("json-report")));
        assertEquals(List.of(), files(reports.resolve("html-report")));
        assertEquals(List.of("events", "html-report", "json-report", "xml-report"), files(reports));
        List<String> xml = files(reports.resolve("xml-report"));
        assertEquals(1, xml.size(), xml.toString());
        assertTrue(xml.get(0).startsWith("TEST-s00-"), xml.toString());
        String spec = Files.readString(reports.resolve("xml-report").resolve(xml.get(0)));
        assertTrue(spec.endsWith("</testsuite>\n") && spec.contains("tests=\"3\""), spec);

        CliRuns.Run allowed = CliRuns.run(env, "run", "--project", project.toString(), "--allow-plugin-failures");
        assertEquals(0, allowed.exit(), allowed.out());
        assertTrue(allowed.out().contains("Reporter failures do not change the exit code (allowed)."), allowed.out());
    }
}
