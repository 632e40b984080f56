package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.EventLogReader;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner process killed with SIGKILL in the middle of a step, at step indexes drawn with a fixed seed, through the
 * real CLI and runner (issue 9, "Faults"). Every step of the generated project counts itself in {@code step-count};
 * at a chosen count it publishes its own pid in {@code kill-N} and sleeps, and the test kills that pid
 * ({@link ProcessHandle#destroyForcibly()}, SIGKILL on Unix) while the step is in flight.
 */
class RunnerKillIT {
    private static final int SPECS = 6;
    private static final int SCENARIOS = 3;
    private static final int STEPS = 3;
    private static final int TOTAL_STEPS = SPECS * SCENARIOS * STEPS;
    /** The seed of the kill points; change it to explore other points, the expectations are computed. */
    private static final long SEED = 20261122L;
    /** The cause the host gives: 137 = 128 + 9. */
    private static final String SIGKILLED = "the runner process exited with status 137 (killed by signal 9: SIGKILL)";

    static final String KILL_STEPS = """
            package kill.steps;

            import dev.stepwise.api.AfterSuite;
            import dev.stepwise.api.BeforeSuite;
            import dev.stepwise.api.Step;
            import dev.stepwise.api.Stepwise;

            import java.io.IOException;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardCopyOption;
            import java.nio.file.StandardOpenOption;
            import java.util.Arrays;

            public class KillSteps {
                private static Path root() {
                    return Path.of(System.getenv("GAUGE_PROJECT_ROOT"));
                }

                private static void append(String file, String line) throws IOException {
                    Files.writeString(root().resolve(file), line + "\\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }

                @BeforeSuite
                public void beforeSuite() throws IOException {
                    Stepwise.suiteStore().put("suite", "set");
                    append("suite-hooks.log", "before pid=" + ProcessHandle.current().pid());
                }

                @AfterSuite
                public void afterSuite() throws IOException {
                    append("suite-hooks.log", "after pid=" + ProcessHandle.current().pid());
                }

                @Step("Step <id>")
                public void step(String id) throws Exception {
                    Path count = root().resolve("step-count");
                    int n = Files.exists(count) ? Integer.parseInt(Files.readString(count).strip()) + 1 : 1;
                    Files.writeString(count, Integer.toString(n));
                    long pid = ProcessHandle.current().pid();
                    append("progress.log", n + " " + id + " pid=" + pid
                            + " suite=" + Stepwise.suiteStore().get("suite"));
                    String at = Files.readString(root().resolve("kill-at.txt")).strip();
                    if (Arrays.asList(at.split(",")).contains(Integer.toString(n))) {
                        Path tmp = root().resolve("kill-" + n + ".tmp");
                        Files.writeString(tmp, Long.toString(pid));
                        System.err.println("step " + n + " waits for SIGKILL");
                        System.err.flush();
                        Files.move(tmp, root().resolve("kill-" + n), StandardCopyOption.ATOMIC_MOVE);
                        Thread.sleep(120_000); // the test kills this process (SIGKILL) while the step is in flight
                    }
                }
            }
            """;

    private static Map<String, String> env;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        env = ParallelProject.env();
    }

    /** Three distinct step indexes in 1..TOTAL_STEPS, from the fixed seed. */
    static IntStream killPoints() {
        return new Random(SEED).ints(1, TOTAL_STEPS + 1).distinct().limit(3);
    }

    @ParameterizedTest(name = "SIGKILL during step {0} of " + TOTAL_STEPS)
    @MethodSource("killPoints")
    void aKilledRunnerFailsTheScenarioInFlightAndTheRestIsReportedSkipped(int killAt) throws Exception {
        Path project = create(tmp.resolve("kill-" + killAt));
        Result r = run(project, List.of(killAt), false);

        assertEquals(1, r.exit, r.out);
        Map<String, String> expected = expected(List.of(killAt), false);
        assertEquals(expected, r.statuses, r.out);
        List<String> failed = failed(expected);
        assertEquals(1, failed.size(), expected.toString());
        String inFlight = failed.get(0);
        long passed = expected.values().stream().filter("passed"::equals).count();
        long skipped = expected.values().stream().filter("skipped"::equals).count();
        assertTrue(r.out.contains("Scenarios:      " + SPECS * SCENARIOS + " executed, " + passed
                + " passed, 1 failed, " + skipped + " skipped"), r.out);
        // The cause: exit status 137 (128 + SIGKILL), on the console and in the JSON report of the scenario in flight.
        assertTrue(r.out.contains(SIGKILLED), r.out);
        String failedLine = r.jsonLine(inFlight);
        assertTrue(failedLine.contains("step " + killAt + " waits for SIGKILL"),
                "the runner's stderr tail: " + failedLine);
        assertTrue(failedLine.contains("\"status\":\"failed\"")
                && failedLine.contains(SIGKILLED), failedLine);
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (e.getValue().equals("skipped")) {
                assertTrue(r.jsonLine(e.getKey()).contains("Runner is not alive"), r.jsonLine(e.getKey()));
            }
        }
        assertTrue(r.json.get(r.json.size() - 1).contains("\"type\":\"suite\""), "the JSON report is complete");
        checkEventLog(project, expected);
        assertEquals(1, lines(project, "suite-hooks.log").size(), "before-suite only: the runner died before the end");
    }

    @Test
    void withRestartRunnerAFreshRunnerCarriesOnWithTheRemainingSpecs() throws Exception {
        // Three kill points early enough that each is reached (a kill skips at most one spec's remaining steps).
        List<Integer> killAt = new Random(SEED).ints(1, TOTAL_STEPS / 2 + 1).distinct().limit(3).sorted().boxed()
                .toList();
        Path project = create(tmp.resolve("restart"));
        Result r = run(project, killAt, true);

        assertEquals(1, r.exit, "a scenario failed because the runner died\n" + r.out);
        Map<String, String> expected = expected(killAt, true);
        assertEquals(expected, r.statuses, "kill points " + killAt + "\n" + r.out);
        List<String> failed = failed(expected);
        assertEquals(killAt.size(), failed.size(), expected.toString());
        int lastKilledSpec = Integer.parseInt(failed.get(failed.size() - 1).substring(0, 2));
        for (int f = lastKilledSpec + 1; f < SPECS; f++) {
            for (int k = 0; k < SCENARIOS; k++) {
                assertEquals("passed", r.statuses.get(id(f, k)), "the specs after the last kill ran: " + r.out);
            }
        }
        for (String id : failed) {
            assertTrue(r.jsonLine(id).contains(SIGKILLED), r.jsonLine(id));
        }
        assertEquals(killAt.size(), count(r.out, "Runner restarted (--restart-runner"), r.out);

        // What user code sees: a new process per restart, its suite store empty (no before-suite hook again).
        List<String> progress = lines(project, "progress.log");
        Set<String> pids = new TreeSet<>();
        String firstPid = pid(progress.get(0));
        for (String line : progress) {
            pids.add(pid(line));
            assertTrue(line.endsWith(pid(line).equals(firstPid) ? "suite=set" : "suite=null"), line);
        }
        assertEquals(killAt.size() + 1, pids.size(), progress.toString());
        List<String> hooks = lines(project, "suite-hooks.log");
        assertEquals(List.of("before pid=" + firstPid), hooks, "suite hooks: before once, after not sent");
        checkEventLog(project, expected);
    }

    // ---------------------------------------------------------------- the project and the run

    private static String id(int spec, int scenario) {
        return String.format(Locale.ROOT, "%02d-%d", spec, scenario);
    }

    /** The scenarios that fail (a kill point fell in them), in run order. */
    private static List<String> failed(Map<String, String> expected) {
        return expected.entrySet().stream().filter(e -> e.getValue().equals("failed")).map(Map.Entry::getKey).toList();
    }

    static Path create(Path root) throws IOException {
        Files.createDirectories(root.resolve("specs"));
        Files.writeString(root.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        for (int f = 0; f < SPECS; f++) {
            StringBuilder s = new StringBuilder("# Spec " + f + "\n");
            for (int k = 0; k < SCENARIOS; k++) {
                s.append("\n## Scenario ").append(id(f, k)).append("\n\n");
                for (int st = 1; st <= STEPS; st++) {
                    s.append("* Step \"").append(id(f, k)).append('-').append(st).append("\"\n");
                }
            }
            Files.writeString(root.resolve("specs").resolve(String.format(Locale.ROOT, "s%02d.spec", f)), s);
        }
        ParallelProject.compile(root, "kill/steps/KillSteps.java", KILL_STEPS);
        return root;
    }

    private record Result(int exit, String out, List<String> json, Map<String, String> statuses) {
        String jsonLine(String id) {
            return json.stream().filter(l -> l.contains("\"type\":\"scenario\"")
                    && l.contains("\"name\":\"Scenario " + id + "\"")).findFirst().orElseThrow();
        }
    }

    private static final Pattern NAME = Pattern.compile("\"name\":\"Scenario (\\d\\d-\\d)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"(\\w+)\"");

    /** Runs the CLI on a thread and kills the runner each time a step publishes its pid at a kill point. */
    private static Result run(Path project, List<Integer> killAt, boolean restart) throws Exception {
        Files.writeString(project.resolve("kill-at.txt"),
                killAt.stream().map(String::valueOf).collect(Collectors.joining(",")));
        List<String> args = new ArrayList<>(List.of("run", "--project", project.toString()));
        if (restart) {
            args.add("--restart-runner");
        }
        CompletableFuture<CliRuns.Run> cli = CompletableFuture.supplyAsync(
                () -> CliRuns.run(env, args.toArray(new String[0])));
        Set<Integer> pending = new TreeSet<>(killAt);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!cli.isDone() && System.nanoTime() < deadline) {
            for (Iterator<Integer> it = pending.iterator(); it.hasNext(); ) {
                Path marker = project.resolve("kill-" + it.next());
                if (Files.exists(marker)) {
                    long pid = Long.parseLong(Files.readString(marker).strip());
                    ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
                    assertTrue(h.destroyForcibly(), "SIGKILL sent to " + pid);
                    h.onExit().get(30, TimeUnit.SECONDS);
                    it.remove();
                }
            }
            Thread.sleep(10);
        }
        CliRuns.Run r = cli.get(1, TimeUnit.MINUTES);
        assertTrue(pending.isEmpty(), "kill points not reached: " + pending + "\n" + r.out());
        List<String> json = ParallelProject.jsonLines(project);
        Map<String, String> statuses = new LinkedHashMap<>();
        for (String line : json) {
            Matcher n = NAME.matcher(line);
            Matcher s = STATUS.matcher(line);
            if (line.contains("\"type\":\"scenario\"") && n.find() && s.find()) {
                assertNull(statuses.put(n.group(1), s.group(1)), "one line per scenario: " + line);
            }
        }
        return new Result(r.exit(), r.out(), json, statuses);
    }

    /** What each scenario should end as, walking the run in order. */
    private static Map<String, String> expected(List<Integer> killAt, boolean restart) {
        Map<String, String> out = new LinkedHashMap<>();
        int counter = 0;
        boolean dead = false;
        for (int f = 0; f < SPECS; f++) {
            if (restart) {
                dead = false;
            }
            for (int k = 0; k < SCENARIOS; k++) {
                String status = "passed";
                if (dead) {
                    status = "skipped";
                } else {
                    for (int st = 0; st < STEPS; st++) {
                        counter++;
                        if (killAt.contains(counter)) {
                            status = "failed";
                            dead = true;
                            break;
                        }
                    }
                }
                out.put(id(f, k), status);
            }
        }
        return out;
    }

    /** The event log reads to its end (the host survived) and holds a scenario end for every scenario that ran. */
    private static void checkEventLog(Path project, Map<String, String> expected) throws IOException {
        Path log = EventLog.latest(project.resolve("reports/events"));
        Set<String> ended = new TreeSet<>();
        boolean suiteResult = false;
        try (EventLogReader reader = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = reader.next()) != null) {
                if (rec.event() instanceof ScenarioExecutionEndingRequest e) {
                    ended.add(e.getCurrentExecutionInfo().getCurrentScenario().getName());
                } else if (rec.event() instanceof SuiteExecutionResult) {
                    suiteResult = true;
                }
            }
            assertNull(reader.truncated(), "the event log is whole");
        }
        assertTrue(suiteResult, "the event log ends with the suite result");
        Set<String> ran = expected.entrySet().stream().filter(e -> !e.getValue().equals("skipped"))
                .map(e -> "Scenario " + e.getKey()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(ended.containsAll(ran), "every finished scenario is in the event log: " + ran + " vs " + ended);
    }

    private static List<String> lines(Path project, String file) throws IOException {
        return Files.readAllLines(project.resolve(file), StandardCharsets.UTF_8);
    }

    private static String pid(String progressLine) {
        Matcher m = Pattern.compile("pid=(\\d+)").matcher(progressLine);
        assertTrue(m.find(), progressLine);
        return m.group(1);
    }

    static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
