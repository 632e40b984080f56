package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in reports on a disk that fills up part-way through a run ({@link FillingDisk}: the write past the room
 * left fails with the kernel's own ENOSPC from {@code /dev/full}). Each report first runs with unlimited room to learn
 * how many bytes it needs, N (the events carry a fixed clock, so every run writes the same bytes); then with room for
 * 0, a few, about half and N - 1 bytes it must fail with an error that names the report's path and the full disk,
 * and leave no file under the report's name and no temp file once closed (as the host closes a reporter that
 * failed); with room for exactly N it must write the same report as with unlimited room.
 */
class DiskFullTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final int SCENARIOS_PER_SPEC = 150;

    @TempDir
    Path tmp;

    /** How far a run got: scenario events delivered before the reporter failed. */
    private int delivered;

    /**
     * Two specs of {@value #SCENARIOS_PER_SPEC} scenarios each: enough for the JSON report and the HTML report's data
     * to pass their 64 KiB write buffers in the middle of the run.
     */
    private void run(RunDriver d) throws Exception {
        delivered = 0;
        d.startSuite();
        for (String spec : List.of("Accounts", "Transfers")) {
            d.startSpec(spec);
            for (int i = 0; i < SCENARIOS_PER_SPEC; i++) {
                d.scenario("Scenario " + i, i % 7 == 0 ? "failed" : "passed", 0);
                delivered++;
            }
            d.endSpec();
        }
        d.endSuite();
    }

    /** Runs until the reporter throws, then closes it as the host does; returns the failure, or null. */
    private IOException runAndClose(ReporterListener reporter) throws Exception {
        IOException failure = null;
        try {
            run(new RunDriver(FIXED, reporter));
        } catch (IOException e) {
            failure = e;
        }
        reporter.close();
        return failure;
    }

    private static void assertDiskFull(IOException failure, String what, Path target) {
        assertDiskFull(failure, what, target.toAbsolutePath().toString(), "");
    }

    /** The failure names the report, a path that starts with {@code pathStart} and ends with {@code pathEnd}, and why. */
    private static void assertDiskFull(IOException failure, String what, String pathStart, String pathEnd) {
        assertNotNull(failure, "the full disk must fail the " + what);
        String message = failure.getMessage();
        assertTrue(message.matches("cannot write the " + what + " to " + Pattern.quote(pathStart) + "[^ ]*"
                + Pattern.quote(pathEnd) + " \\(IOException: No space left on device\\); the disk is full: free space "
                + "on it"), message);
        IOException cause = assertInstanceOf(IOException.class, failure.getCause());
        assertEquals("No space left on device", cause.getMessage(), "the kernel's error is kept as the cause");
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The checks shared by the JSON and HTML reports, one file each: {@code reporter} makes the reporter for a report
     * at the given path writing through the given disk.
     */
    private void checkSingleFileReport(String what, String name, Function<Path, Function<FillingDisk, ReporterListener>>
            reporter) throws Exception {
        Path whole = tmp.resolve("unlimited").resolve(name);
        FillingDisk unlimited = FillingDisk.unlimited();
        assertNull(runAndClose(reporter.apply(whole).apply(unlimited)));
        long needed = unlimited.written();
        assertTrue(Files.size(whole) > 2 * 65536, "the report must pass its write buffer mid-run: " + Files.size(whole));

        for (long room : List.of(0L, 100L, needed / 2, needed - 1)) {
            Path report = tmp.resolve("room-" + room).resolve(name);
            assertDiskFull(runAndClose(reporter.apply(report).apply(new FillingDisk(room))), what, report);
            assertEquals(List.of(), files(report.getParent()), "room " + room + " of " + needed
                    + ": nothing may be left, neither a partial report nor a temp file");
        }

        Path exact = tmp.resolve("exact").resolve(name);
        assertNull(runAndClose(reporter.apply(exact).apply(new FillingDisk(needed))), "room for exactly " + needed);
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(exact));
        assertEquals(List.of(exact.getFileName().toString()), files(exact.getParent()));
    }

    @Test
    void jsonReportOnAFullDiskIsNamedWithItsPathAndLeavesNothingBehind() throws Exception {
        checkSingleFileReport("JSON report", "json-report/report.ndjson", file -> disk -> new JsonReporter(file, disk));
    }

    @Test
    void htmlReportOnAFullDiskIsNamedWithItsPathAndLeavesNothingBehind() throws Exception {
        checkSingleFileReport("HTML report", "html-report/index.html",
                file -> disk -> new HtmlReporter(file, Optional.empty(), disk));
    }

    @Test
    void jsonReportThatFillsTheDiskMidRunFailsThereNotAtTheEnd() throws Exception {
        Path report = tmp.resolve("json-report/report.ndjson");
        assertDiskFull(runAndClose(new JsonReporter(report, new FillingDisk(100_000))), "JSON report", report);
        assertTrue(delivered < 2 * SCENARIOS_PER_SPEC, "failed on scenario " + (delivered + 1) + " of "
                + 2 * SCENARIOS_PER_SPEC + ", when its 64 KiB buffer was written out");
        assertEquals(List.of(), files(report.getParent()));
    }

    @Test
    void junitReportKeepsTheSpecsWrittenBeforeTheDiskFilledAndNoPartOfTheOthers() throws Exception {
        Path whole = tmp.resolve("unlimited/xml-report");
        FillingDisk probe = FillingDisk.unlimited();
        assertNull(runAndClose(new JUnitXmlReporter(whole, probe)));
        long needed = probe.written();
        List<String> names = files(whole);
        assertEquals(2, names.size(), names.toString());
        String accounts = names.get(0);
        assertTrue(accounts.startsWith("TEST-Accounts") && names.get(1).startsWith("TEST-Transfers"), names.toString());
        long firstSpec = Files.size(whole.resolve(accounts));
        // The first spec's file and its temp body file are written before anything of the second spec.
        assertTrue(needed > 2 * firstSpec, needed + " " + firstSpec);

        for (long room : List.of(needed - 1, 2 * firstSpec + 1, firstSpec / 2)) {
            Path dir = tmp.resolve("room-" + room + "/xml-report");
            IOException failure = runAndClose(new JUnitXmlReporter(dir, new FillingDisk(room)));
            boolean firstWritten = room >= 2 * firstSpec;
            assertDiskFull(failure, "JUnit XML report",
                    dir.toAbsolutePath().resolve(firstWritten ? "TEST-Transfers" : "TEST-Accounts").toString(), ".xml");
            if (firstWritten) {
                assertEquals(List.of(accounts), files(dir), "room " + room);
                assertArrayEquals(Files.readAllBytes(whole.resolve(accounts)), Files.readAllBytes(dir.resolve(accounts)),
                        "the spec written before is whole");
            } else {
                assertEquals(List.of(), files(dir), "room " + room);
            }
        }

        Path exact = tmp.resolve("exact/xml-report");
        assertNull(runAndClose(new JUnitXmlReporter(exact, new FillingDisk(needed))));
        assertEquals(names, files(exact));
    }
}
