package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What runs leave behind, through the real CLI and runner on a generated project: the built-in reports under
 * {@code overwrite_reports} false (a new folder per run, as Gauge's plugins name it) and true (the fixed folders,
 * replaced as a whole), and the rotation of event logs ({@code stepwise_keep_event_logs}) with {@code --failed} and
 * {@code report --from} still working.
 */
class ReportHistoryIT {
    private static final Pattern RUN_FOLDER = Pattern.compile(
            "Reports: reports/html-report/([^/]+)/index\\.html, reports/xml-report/\\1/, "
                    + "reports/json-report/\\1/report\\.ndjson\n");
    private static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        env = ParallelProject.env();
    }

    private static void setProperty(Path project, String line) throws IOException {
        Files.writeString(project.resolve("env/default/default.properties"), line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static long scenarioLines(Path json) throws IOException {
        return lines(json).stream().filter(l -> l.startsWith("{\"type\":\"scenario\"")).count();
    }

    private static List<String> names(Path dir, String glob) throws IOException {
        try (var s = Files.newDirectoryStream(dir, glob)) {
            List<String> out = new java.util.ArrayList<>();
            s.forEach(p -> out.add(p.getFileName().toString()));
            out.sort(null);
            return out;
        }
    }

    private static List<String> hiddenEntries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    /** The run folder the "Reports:" line names, after checking the three reports are really there. */
    private static String runFolder(CliRuns.Run run, Path project) throws IOException {
        Matcher m = RUN_FOLDER.matcher(run.out());
        assertTrue(m.find(), "the Reports: line names one run folder for the three reports\n" + run.out());
        String folder = m.group(1);
        assertTrue(folder.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d\\.\\d\\d\\.\\d\\d(-\\d+)?"),
                "named as Gauge's plugins name it (2006-01-02 15.04.05): " + folder);
        Path reports = project.resolve("reports");
        assertTrue(Files.isRegularFile(reports.resolve("html-report").resolve(folder).resolve("index.html")));
        assertEquals(2, names(reports.resolve("xml-report").resolve(folder), "TEST-*.xml").size());
        List<String> json = lines(reports.resolve("json-report").resolve(folder).resolve("report.ndjson"));
        assertTrue(json.get(json.size() - 1).startsWith("{\"type\":\"suite\""), "complete: " + json);
        return folder;
    }

    @Test
    void withOverwriteReportsFalseEveryRunKeepsItsOwnReportsInATimestampedFolder() throws Exception {
        Path project = ParallelProject.create(tmp.resolve("p"), 2, 2, false);
        setProperty(project, "overwrite_reports = false");

        CliRuns.Run first = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, first.exit(), first.out());
        String one = runFolder(first, project);
        CliRuns.Run second = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, second.exit(), second.out());
        String two = runFolder(second, project);

        assertNotEquals(one, two);
        Path reports = project.resolve("reports");
        assertEquals(List.of(one, two), names(reports.resolve("html-report"), "*"), "both runs' reports are kept");
        assertFalse(Files.exists(reports.resolve("html-report/index.html")), "nothing in the fixed places");
        assertEquals(4, scenarioLines(reports.resolve("json-report").resolve(one).resolve("report.ndjson")));

        // A rebuild from the log follows the same rule: a folder of its own.
        CliRuns.Run replay = CliRuns.run(env, "report", "--project", project.toString(), "--from", "latest",
                "--builtin", "json");
        assertEquals(0, replay.exit(), replay.out());
        Matcher m = Pattern.compile("Built-in reports: (.*/json-report/([^/]+)/report\\.ndjson)\n")
                .matcher(replay.out());
        assertTrue(m.find(), replay.out());
        assertFalse(List.of(one, two).contains(m.group(2)), m.group(2));
        assertEquals(4, scenarioLines(Path.of(m.group(1))));
    }

    @Test
    void withOverwriteReportsTrueTheSecondRunReplacesTheFirstAsAWhole() throws Exception {
        Path project = ParallelProject.create(tmp.resolve("p"), 2, 2, false);
        Path reports = project.resolve("reports");
        CliRuns.Run first = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().contains("Reports: reports/html-report/index.html, reports/xml-report/, "
                + "reports/json-report/report.ndjson\n"), first.out());
        List<String> firstXml = names(reports.resolve("xml-report"), "*");
        assertEquals(2, firstXml.size(), firstXml.toString());

        // The second run has one spec fewer: its report must not keep the first run's file for it.
        Files.delete(project.resolve("specs/s01.spec"));
        CliRuns.Run second = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, second.exit(), second.out());
        List<String> secondXml = names(reports.resolve("xml-report"), "*");
        assertEquals(1, secondXml.size(), secondXml.toString());
        assertTrue(secondXml.get(0).startsWith("TEST-s00") && firstXml.contains(secondXml.get(0)), secondXml.get(0));
        assertEquals(2, scenarioLines(reports.resolve("json-report/report.ndjson")));
        String html = Files.readString(reports.resolve("html-report/index.html"));
        assertTrue(html.contains("Scenario 00-1") && !html.contains("Scenario 01-0"), "the second run's page");
        assertEquals(List.of(), hiddenEntries(reports), "no staging, old or temp file is left");
    }

    @Test
    void olderEventLogsAreDeletedWhileFailedAndReportFromKeepWorking() throws Exception {
        Path project = ParallelProject.create(tmp.resolve("p"), 1, 1, false);
        Files.writeString(project.resolve("specs/fail.spec"), "# Failing\n\n## Always fails\n\n* Always fail\n");
        setProperty(project, "stepwise_keep_event_logs = 1");
        Path events = project.resolve("reports/events");
        Files.createDirectories(events);
        Files.writeString(events.resolve("merged.log"), "not a run's log: never rotated\n");

        CliRuns.Run run1 = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(1, run1.exit(), run1.out());
        String log1 = EventLog.latest(events).getFileName().toString();

        CliRuns.Run run2 = CliRuns.run(env, "run", "--failed", "--project", project.toString());
        assertTrue(run2.out().contains("Rerunning 1 failed item(s) of " + log1), run2.out());
        String log2 = EventLog.latest(events).getFileName().toString();
        // Only one run's log is kept, but the log this run read for --failed is not deleted under it.
        assertEquals(List.of(log1, log2), names(events, "2*.log"));

        CliRuns.Run run3 = CliRuns.run(env, "run", "--failed", "--project", project.toString());
        assertTrue(run3.out().contains("Rerunning 1 failed item(s) of " + log2), run3.out());
        String log3 = EventLog.latest(events).getFileName().toString();
        assertEquals(List.of(log2, log3), names(events, "2*.log"), "the oldest log went; the one read stayed");

        CliRuns.Run replayOld = CliRuns.run(env, "report", "--project", project.toString(),
                "--from", events.resolve(log2).toString(), "--builtin", "json", "--out", tmp.resolve("r2").toString());
        assertEquals(0, replayOld.exit(), replayOld.out());
        assertEquals(1, scenarioLines(tmp.resolve("r2/json-report/report.ndjson")));

        CliRuns.Run run4 = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(1, run4.exit(), run4.out());
        String log4 = EventLog.latest(events).getFileName().toString();
        assertEquals(List.of(log4), names(events, "2*.log"), "a plain run keeps only its own log");
        assertEquals(List.of(log4, "latest", "merged.log"), names(events, "*"), "nothing else is touched or left");

        CliRuns.Run replayLatest = CliRuns.run(env, "report", "--project", project.toString(), "--from", "latest",
                "--builtin", "json", "--out", tmp.resolve("r4").toString());
        assertEquals(0, replayLatest.exit(), replayLatest.out());
        assertEquals(2, scenarioLines(tmp.resolve("r4/json-report/report.ndjson")));
        CliRuns.Run run5 = CliRuns.run(env, "run", "--failed", "--project", project.toString());
        assertTrue(run5.out().contains("Rerunning 1 failed item(s) of " + log4), run5.out());
    }

    @Test
    void whatAKilledRunLeftBesideTheReportsGoesWithTheNextRunButNotWhatALiveRunIsWriting() throws Exception {
        Path project = ParallelProject.create(tmp.resolve("p"), 2, 2, false);
        Path reports = project.resolve("reports");
        CliRuns.Run first = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, first.exit(), first.out());
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long dead = ended.pid();
        Process live = new ProcessBuilder("sleep", "600").start();
        try {
            // Named as a host killed part-way leaves them: the JUnit XML staging folder with part of a report, the
            // previous report folder it was swapping out, the JSON report's temp file, the HTML page's and its data.
            List<Path> killedRuns = List.of(
                    folderWithFile(reports.resolve(".xml-report." + dead + ".4242"), "TEST-s00.xml"),
                    folderWithFile(reports.resolve(".xml-report." + dead + ".old-77"), "xml-report"),
                    file(reports.resolve("json-report/.report.ndjson." + dead + ".99.tmp")),
                    file(reports.resolve("html-report/.index.html." + dead + ".5.tmp")),
                    file(reports.resolve("html-report/.index.html.data." + dead + ".6.tmp")));
            List<Path> liveRuns = List.of(
                    folderWithFile(reports.resolve(".xml-report." + live.pid() + ".4243"), "TEST-s00.xml"),
                    file(reports.resolve("json-report/.report.ndjson." + live.pid() + ".98.tmp")),
                    file(reports.resolve("html-report/.index.html.data." + live.pid() + ".7.tmp")));

            CliRuns.Run second = CliRuns.run(env, "run", "--project", project.toString());

            assertEquals(0, second.exit(), second.out());
            for (Path p : killedRuns) {
                assertFalse(Files.exists(p), "a killed run's leftover is deleted: " + p);
            }
            for (Path p : liveRuns) {
                assertTrue(Files.exists(p), "what a live run is writing is left alone: " + p);
            }
            assertEquals(2, names(reports.resolve("xml-report"), "TEST-*.xml").size(), "the reports are complete");
            assertEquals(4, scenarioLines(reports.resolve("json-report/report.ndjson")));
        } finally {
            live.destroyForcibly().waitFor();
        }
    }

    private static Path file(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "partial");
    }

    private static Path folderWithFile(Path dir, String name) throws IOException {
        file(dir.resolve(name));
        return dir;
    }
}
