package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventKind;
import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.EventLogReader;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parallel streams (multi-process and multithreaded), retries, {@code --failed}, shards and {@code stepwise merge},
 * end to end through the real runner on a generated project ({@link ParallelProject}).
 */
class ParallelIT {

    private static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        env = ParallelProject.env();
    }

    private static final Pattern SCENARIO_LINE = Pattern.compile(
            "\"type\":\"scenario\".*\"name\":\"Scenario (\\d\\d-\\d+)\".*\"stream\":(\\d+)");

    /** 200 scenarios over 4 streams: every result is its own, suite hooks ran once, results come out sorted. */
    private void stress(Path project, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--project", project.toString(), "-n", "4"));
        args.addAll(List.of(extra));
        CliRuns.Run r = CliRuns.run(env, args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Scenarios:      200 executed, 200 passed, 0 failed, 0 skipped"), r.out());
        assertFalse(r.out().contains("cross-talk"), r.out());

        // Suite hooks: exactly once per run, in one process, the lead stream's.
        List<String> hooks = Files.readAllLines(project.resolve("suite-hooks.log"));
        assertEquals(2, hooks.size(), hooks.toString());
        assertTrue(hooks.get(0).startsWith("before ") && hooks.get(1).startsWith("after "), hooks.toString());
        assertEquals(hooks.get(0).replace("before ", ""), hooks.get(1).replace("after ", ""),
                "before- and after-suite hooks ran in the same process: " + hooks);
        assertTrue(hooks.get(0).endsWith("runner=1"), hooks.toString());

        // Messages stayed with their scenario and their stream.
        Set<String> ids = new HashSet<>();
        Set<Integer> streams = new TreeSet<>();
        for (String line : ParallelProject.jsonLines(project)) {
            Matcher m = SCENARIO_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String id = m.group(1);
            int stream = Integer.parseInt(m.group(2));
            assertTrue(ids.add(id), "one line per scenario: " + id);
            streams.add(stream);
            assertTrue(line.contains("\"start " + id + " in Scenario " + id + "\""), line);
            assertTrue(line.contains("\"check " + id + " runner " + stream + "/4\""), line);
            assertTrue(line.contains("\"status\":\"passed\""), line);
        }
        assertEquals(200, ids.size());
        assertTrue(streams.size() >= 2 && streams.stream().allMatch(s -> s >= 1 && s <= 4), streams.toString());

        // The console's spec table is in path order whatever order the streams finished in.
        int last = -1;
        for (int f = 0; f < 20; f++) {
            int at = r.out().indexOf(String.format("specs/s%02d.spec ", f), r.out().indexOf("Specification"));
            assertTrue(at > last, "spec table in path order: " + r.out());
            last = at;
        }

        // The event log: one suite start and end, every stream's events, a merged suite result in path order.
        Path log = EventLog.latest(project.resolve("reports/events"));
        int starting = 0;
        int endings = 0;
        List<String> files = new ArrayList<>();
        try (EventLogReader reader = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = reader.next()) != null) {
                if (rec.kind() == EventKind.EXECUTION_STARTING) {
                    starting++;
                } else if (rec.event() instanceof ScenarioExecutionEndingRequest) {
                    endings++;
                } else if (rec.event() instanceof SuiteExecutionResult s) {
                    for (ProtoSpecResult sr : s.getSuiteResult().getSpecResultsList()) {
                        files.add(sr.getProtoSpec().getFileName());
                    }
                }
            }
        }
        assertEquals(2, starting, "ExecutionStarting before and after the one before-suite hook");
        assertEquals(200, endings);
        assertEquals(20, files.size(), files.toString());
        List<String> sorted = new ArrayList<>(files);
        sorted.sort(null);
        assertEquals(sorted, files);
    }

    @Test
    void multiProcessStreamsKeepTheirOwnStateAndRunSuiteHooksOnce() throws IOException {
        Path project = ParallelProject.create(tmp.resolve("mp"), 20, 10, false);
        stress(project);
    }

    @Test
    void multithreadedStreamsKeepTheirOwnStateAndRunSuiteHooksOnce() throws IOException {
        Path project = ParallelProject.create(tmp.resolve("mt"), 20, 10, true);
        stress(project, "--parallel-unit", "scenario", "--strategy", "eager");
        // One runner process served all four streams.
        CliRuns.Run again = CliRuns.run(env, "run", "--project", project.toString(), "-n", "2",
                "specs/s00.spec");
        assertTrue(again.out().contains("one multithreaded runner"), again.out());
    }

    @Test
    void retriesAreAttemptsAndFlakyScenariosAreReportedAndFailedRerunsOnlyFailures() throws IOException {
        Path project = ParallelProject.create(tmp.resolve("retry"), 1, 2, false);
        Files.writeString(project.resolve("specs/flaky.spec"), """
                # Flaky

                ## Flaky one

                * Flaky step "one"

                ## Broken

                * Always fail

                ## Fine

                * Sleep "1" ms
                """);
        CliRuns.Run r = CliRuns.run(env, "run", "--project", project.toString(), "--max-retries", "2");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("Scenarios:      5 executed, 4 passed, 1 failed, 0 skipped"), r.out());
        assertTrue(r.out().contains("Flaky:          1 scenario(s) passed only on a retry"), r.out());
        assertTrue(r.out().contains("FLAKY  Flaky one"), r.out());
        assertTrue(r.out().contains("specs/flaky.spec:3  Flaky one  (passed on attempt 2)"), r.out());

        List<String> json = ParallelProject.jsonLines(project);
        List<String> broken = json.stream().filter(l -> l.contains("\"name\":\"Broken\"")).toList();
        assertEquals(3, broken.size(), "three attempts of Broken: " + broken);
        for (int i = 0; i < 3; i++) {
            assertTrue(broken.get(i).contains("\"attempt\":" + (i + 1) + ",\"maxRetries\":2"), broken.get(i));
            assertEquals(i < 2, broken.get(i).contains("\"willBeRetried\":true"), broken.get(i));
        }
        List<String> flaky = json.stream().filter(l -> l.contains("\"name\":\"Flaky one\"")).toList();
        assertEquals(2, flaky.size(), flaky.toString());
        assertTrue(flaky.get(1).contains("\"attempt\":2") && flaky.get(1).contains("\"flaky\":true"), flaky.get(1));
        assertTrue(json.get(json.size() - 1).contains("\"scenariosFlaky\":1"), json.get(json.size() - 1));

        String xml;
        try (var files = Files.list(project.resolve("reports/xml-report"))) {
            xml = files.map(p -> {
                try {
                    return Files.readString(p, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).reduce("", String::concat);
        }
        assertTrue(xml.contains("<flakyFailure"), xml);
        assertTrue(xml.contains("<rerunFailure"), xml);

        // The event log records every attempt with its retry number.
        List<Long> retries = new ArrayList<>();
        try (EventLogReader reader = EventLogReader.open(EventLog.latest(project.resolve("reports/events")))) {
            EventLogReader.Record rec;
            while ((rec = reader.next()) != null) {
                if (rec.event() instanceof ScenarioExecutionEndingRequest e
                        && e.getCurrentExecutionInfo().getCurrentScenario().getName().equals("Broken")) {
                    var info = e.getCurrentExecutionInfo().getCurrentScenario().getRetries();
                    assertEquals(2, info.getMaxRetries());
                    retries.add((long) info.getCurrentRetry());
                }
            }
        }
        assertEquals(List.of(0L, 1L, 2L), retries);

        // --failed reruns Broken only: Flaky one passed on its retry and counts as passed.
        CliRuns.Run failed = CliRuns.run(env, "run", "--project", project.toString(), "--failed");
        assertEquals(1, failed.exit(), failed.out());
        assertTrue(failed.out().contains("Rerunning 1 failed item(s)"), failed.out());
        assertTrue(failed.out().contains("Scenarios:      1 executed, 0 passed, 1 failed, 0 skipped"), failed.out());
        assertTrue(failed.out().contains("FAIL  Broken"), failed.out());
    }

    @Test
    void shardsCoverEveryUnitExactlyOnceAndMergeIntoOneReplayableLog() throws IOException {
        Path project = ParallelProject.create(tmp.resolve("shards"), 7, 3, false);
        for (String unit : List.of("spec", "scenario")) {
            Set<String> all = new TreeSet<>(units(project, unit, null));
            assertEquals(unit.equals("spec") ? 7 : 21, all.size());
            for (int n : new int[] {1, 2, 3, 5}) {
                Set<String> seen = new TreeSet<>();
                int total = 0;
                for (int i = 1; i <= n; i++) {
                    List<String> mine = units(project, unit, i + "/" + n);
                    total += mine.size();
                    seen.addAll(mine);
                }
                assertEquals(all.size(), total, unit + " N=" + n + ": no unit twice");
                assertEquals(all, seen, unit + " N=" + n + ": every unit once");
            }
        }

        // Two shards run, their logs merged, and a report rebuilt from the merged log has every scenario.
        List<String> logs = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            CliRuns.Run r = CliRuns.run(env, "run", "--project", project.toString(), "--shard",
                    i + "/2", "--no-reports");
            assertEquals(0, r.exit(), r.out());
            Path log = EventLog.latest(project.resolve("reports/events"));
            Path copy = tmp.resolve("shard-" + i + ".log");
            Files.copy(log, copy);
            logs.add(copy.toString());
        }
        // Durations from a shard's log balance the next split (units without a duration count as the median).
        List<String> balanced = units(project, "spec", "1/2", logs.get(0));
        assertFalse(balanced.isEmpty());

        List<String> merge = new ArrayList<>(List.of("merge"));
        merge.addAll(logs);
        merge.addAll(List.of("--out", tmp.resolve("merged.log").toString()));
        CliRuns.Run m = CliRuns.run(env, merge.toArray(new String[0]));
        assertEquals(0, m.exit(), m.out());
        CliRuns.Run rep = CliRuns.run(env, "report", "--project", project.toString(), "--from",
                tmp.resolve("merged.log").toString(), "--builtin", "json", "--out", tmp.resolve("merged").toString());
        assertEquals(0, rep.exit(), rep.out());
        List<String> lines = Files.readAllLines(tmp.resolve("merged/json-report/report.ndjson"));
        assertEquals(21, lines.stream().filter(l -> l.contains("\"type\":\"scenario\"")).count(), lines.toString());
        assertEquals(7, lines.stream().filter(l -> l.contains("\"type\":\"spec\"")).count());
        String suite = lines.get(lines.size() - 1);
        assertTrue(suite.contains("\"specs\":7") && suite.contains("\"scenarios\":21"), suite);
    }

    private List<String> units(Path project, String unit, String shard, String... durations) {
        List<String> args = new ArrayList<>(List.of("run", "--project", project.toString(), "--list-units",
                "--parallel-unit", unit));
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        if (durations.length > 0) {
            args.addAll(List.of("--shard-durations", durations[0]));
        }
        CliRuns.Run r = CliRuns.run(env, args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.out());
        return r.out().lines().filter(l -> l.startsWith("specs/")).toList();
    }
}
