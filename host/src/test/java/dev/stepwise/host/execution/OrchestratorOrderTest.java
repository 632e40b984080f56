package dev.stepwise.host.execution;

import dev.stepwise.api.tags.TagExpression;
import dev.stepwise.host.parser.ParserSettings;
import dev.stepwise.proto.ExecutionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact Gauge RPC order (gauge-protocol.md section 2) against an in-process fake runner. */
class OrchestratorOrderTest {

    @TempDir
    Path root;

    private static final String SPEC = """
            # Order spec

            |name|
            |----|
            |a   |
            |b   |

            * context step

            ## Uses table
            * greet <name>
            * concept step

            ## Fails
            * fail here
            * never runs

            ## Recovers
            * recoverable fail
            * after recoverable

            ## Skips
            * skip me
            * never runs

            ## The hook fails
            * never runs

            ## Unimplemented
            * missing step

            ___
            * teardown step
            """;

    private static final String CONCEPT = """
            # concept step
            * inner one
            * inner two
            """;

    private final List<ScenarioResult> results = new ArrayList<>();

    private SuiteResult run(FakeRunner fake, RunOptions options) throws IOException {
        Files.createDirectories(root.resolve("specs"));
        Files.writeString(root.resolve("specs/order.spec"), SPEC);
        Files.writeString(root.resolve("specs/concepts.cpt"), CONCEPT);
        ExecutionListener recorder = new ExecutionListener() {
            @Override
            public void scenarioFinished(ScenarioResult r) {
                results.add(r);
            }
        };
        return new Orchestrator(root, "proj", ParserSettings.defaults(), options, recorder)
                .run(() -> fake.client(true));
    }

    private static List<String> step(String text) {
        return List.of("StartStepExecution", "ExecuteStep:" + text, "FinishStepExecution");
    }

    private static List<String> scenario(List<List<String>> steps, boolean hookFails) {
        List<String> out = new ArrayList<>(List.of("InitializeScenarioDataStore", "StartScenarioExecution"));
        if (!hookFails) {
            steps.forEach(out::addAll);
        }
        out.add("FinishScenarioExecution");
        return out;
    }

    private static List<List<String>> steps(Object... parts) {
        List<List<String>> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.add(step(s));
            } else {
                @SuppressWarnings("unchecked")
                List<String> l = (List<String>) p;
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void followsGaugeOrder() throws IOException {
        try (FakeRunner fake = new FakeRunner()) {
            SuiteResult suite = run(fake, RunOptions.defaults());

            List<String> expected = new ArrayList<>();
            // Distinct steps: contexts, teardown, then the scenarios' steps, concepts expanded to leaves.
            for (String v : List.of("context step", "teardown step", "greet {}", "inner one", "inner two",
                    "fail here", "never runs", "recoverable fail", "after recoverable", "skip me", "missing step")) {
                expected.add("ValidateStep:" + v);
            }
            expected.addAll(List.of("InitializeSuiteDataStore", "StartExecution", "InitializeSpecDataStore",
                    "StartSpecExecution"));
            List<String> concept = new ArrayList<>();
            concept.add("NotifyConceptExecutionStarting");
            concept.addAll(step("inner one"));
            concept.addAll(step("inner two"));
            concept.add("NotifyConceptExecutionEnding");
            // Row 1: every scenario; the ones that do not use the table run only here.
            expected.addAll(scenario(steps("context step", "greet <name>", concept, "teardown step"), false));
            expected.addAll(scenario(steps("context step", "fail here", "teardown step"), false));
            expected.addAll(scenario(steps("context step", "recoverable fail", "after recoverable",
                    "teardown step"), false));
            expected.addAll(scenario(steps("context step", "skip me", "teardown step"), false));
            expected.addAll(scenario(List.of(), true));
            // Unimplemented: skipped before it starts, no RPCs. Row 2: only the scenario that uses the table.
            expected.addAll(scenario(steps("context step", "greet <name>", concept, "teardown step"), false));
            expected.addAll(List.of("FinishSpecExecution", "FinishExecution", "Kill"));

            assertEquals(String.join("\n", expected), String.join("\n", fake.calls));

            assertEquals(List.of("Uses table/PASSED/row 1", "Fails/FAILED/", "Recovers/FAILED/",
                    "Skips/SKIPPED/", "The hook fails/FAILED/", "Unimplemented/SKIPPED/",
                    "Uses table/PASSED/row 2"),
                    results.stream().map(r -> r.heading() + "/" + r.status() + "/" + r.row()).toList());
            assertEquals(1, suite.exitCode());
            assertEquals(1, suite.validationErrors());
            assertTrue(results.get(5).skipReasons().get(0).contains("Step implementation not found"));
            assertEquals(List.of("not today"), results.get(3).skipReasons());
            assertEquals("recoverable fail", results.get(2).failures().get(0).stepText());
        }
    }

    @Test
    void fillsExecutionInfoAsGaugeDoes() throws IOException {
        try (FakeRunner fake = new FakeRunner()) {
            run(fake, new RunOptions(List.of(), TagExpression.always(), Set.of(), 4,
                    Map.of("tags", List.of("x"))));
            ExecutionInfo suiteStart = fake.infos.get(0);
            assertFalse(suiteStart.hasCurrentSpec(), "suite-level requests carry no currentSpec");
            assertEquals("proj", suiteStart.getProjectName());
            assertEquals(4, suiteStart.getNumberOfExecutionStreams());
            assertEquals("tags", suiteStart.getExecutionArgs(0).getFlagName());
            ExecutionInfo specStart = fake.infos.get(1);
            assertEquals("Order spec", specStart.getCurrentSpec().getName());
            assertEquals(root.resolve("specs/order.spec").toAbsolutePath().toString(),
                    specStart.getCurrentSpec().getFileName());
            // The FinishStepExecution of "fail here" carries the error; the spec is then failed.
            ExecutionInfo failedStepEnd = fake.infos.stream()
                    .filter(i -> i.getCurrentStep().getIsFailed()).findFirst().orElseThrow();
            assertEquals("boom", failedStepEnd.getCurrentStep().getErrorMessage());
            assertEquals("fail here", failedStepEnd.getCurrentStep().getStep().getActualStepText());
            assertTrue(failedStepEnd.getCurrentScenario().getIsFailed());
            assertTrue(failedStepEnd.getCurrentSpec().getIsFailed());
            // While a concept runs, currentStep is the concept step itself.
            ExecutionInfo conceptStart = fake.infos.stream().filter(i -> i.getCurrentStep().getStep()
                    .getActualStepText().equals("concept step")).findFirst().orElseThrow();
            assertEquals("concept step", conceptStart.getCurrentStep().getStep().getParsedStepText());
            // FinishSpecExecution: no currentScenario.
            ExecutionInfo specEnd = fake.infos.get(fake.infos.size() - 2);
            assertFalse(specEnd.hasCurrentScenario());
            assertTrue(specEnd.getCurrentSpec().getIsFailed());
        }
    }

    @Test
    void tagsAndTableRowsAndLineSelection() throws IOException {
        try (FakeRunner fake = new FakeRunner()) {
            SuiteResult suite = run(fake, new RunOptions(List.of("specs/order.spec:11"), TagExpression.always(),
                    Set.of(2), 1, Map.of()));
            assertEquals(List.of("Uses table/PASSED/row 2"),
                    results.stream().map(r -> r.heading() + "/" + r.status() + "/" + r.row()).toList());
            assertEquals(0, suite.exitCode());
        }
        results.clear();
        try (FakeRunner fake = new FakeRunner()) {
            SuiteResult suite = run(fake, new RunOptions(List.of(), TagExpression.parse("nothing-has-this"),
                    Set.of(), 1, Map.of()));
            assertTrue(results.isEmpty());
            assertTrue(fake.calls.isEmpty(), "no runner RPCs when nothing is selected");
            assertEquals(0, suite.exitCode());
        }
    }

    @Test
    void runnerDeathFailsTheScenarioInFlightAndSkipsTheRest() throws IOException {
        try (FakeRunner fake = new FakeRunner()) {
            Files.createDirectories(root.resolve("specs"));
            Files.writeString(root.resolve("specs/a.spec"), """
                    # A
                    ## First
                    * ok step
                    ## Second
                    * die now
                    ## Third
                    * ok step
                    """);
            Files.writeString(root.resolve("specs/b.spec"), """
                    # B
                    ## Fourth
                    * ok step
                    """);
            ExecutionListener recorder = new ExecutionListener() {
                @Override
                public void scenarioFinished(ScenarioResult r) {
                    results.add(r);
                }
            };
            SuiteResult suite = new Orchestrator(root, "proj", ParserSettings.defaults(), RunOptions.defaults(),
                    recorder).run(() -> fake.client(false));
            assertEquals(List.of("First/PASSED", "Second/FAILED", "Third/SKIPPED", "Fourth/SKIPPED"),
                    results.stream().map(r -> r.heading() + "/" + r.status()).toList());
            assertTrue(results.get(1).failures().get(0).message().contains("Runner is not alive"));
            assertTrue(results.get(2).skipReasons().get(0).contains("Runner is not alive"));
            assertEquals("ExecuteStep:die now", fake.calls.get(fake.calls.size() - 1));
            assertEquals(1, suite.exitCode());
        }
    }
    private SuiteResult runDyingSuite(java.util.function.Supplier<RunnerClient> runners) throws IOException {
        Files.createDirectories(root.resolve("specs"));
        Files.writeString(root.resolve("specs/a.spec"), """
                # A
                ## First
                * ok step
                ## Second
                * die now
                ## Third
                * ok step
                """);
        Files.writeString(root.resolve("specs/b.spec"), """
                # B
                ## Fourth
                * ok step
                """);
        ExecutionListener recorder = new ExecutionListener() {
            @Override
            public void scenarioFinished(ScenarioResult r) {
                results.add(r);
            }
        };
        return new Orchestrator(root, "proj", ParserSettings.defaults(), RunOptions.defaults(), recorder)
                .withRunnerRestarts(true).run(runners);
    }

    @Test
    void restartRunnerCarriesOnWithTheNextSpecWithoutSuiteHooks() throws IOException {
        try (FakeRunner first = new FakeRunner(); FakeRunner second = new FakeRunner()) {
            java.util.Iterator<FakeRunner> runners = List.of(first, second).iterator();
            SuiteResult suite = runDyingSuite(() -> runners.next().client(false));
            assertEquals(List.of("First/PASSED", "Second/FAILED", "Third/SKIPPED", "Fourth/PASSED"),
                    results.stream().map(r -> r.heading() + "/" + r.status()).toList());
            assertTrue(results.get(1).failures().get(0).message().contains("Runner is not alive"));
            assertTrue(results.get(2).skipReasons().get(0).contains("Runner is not alive"));
            // The fresh runner: its suite data store, then the spec; no suite hooks, no validation; Kill at the end.
            assertEquals(List.of("InitializeSuiteDataStore", "InitializeSpecDataStore", "StartSpecExecution"),
                    second.calls.subList(0, 3));
            assertFalse(second.calls.contains("StartExecution"), second.calls.toString());
            assertFalse(second.calls.contains("FinishExecution"), second.calls.toString());
            assertTrue(second.calls.stream().noneMatch(c -> c.startsWith("ValidateStep")), second.calls.toString());
            assertEquals("Kill", second.calls.get(second.calls.size() - 1));
            assertEquals(1, suite.exitCode(), "a scenario failed because the runner died");
        }
    }

    @Test
    void aRestartThatCannotStartAFreshRunnerSkipsTheRestWithBothReasons() throws IOException {
        try (FakeRunner first = new FakeRunner()) {
            int[] launches = {0};
            SuiteResult suite = runDyingSuite(() -> {
                if (launches[0]++ == 0) {
                    return first.client(false);
                }
                throw new IllegalStateException("no runner today");
            });
            assertEquals(List.of("First/PASSED", "Second/FAILED", "Third/SKIPPED", "Fourth/SKIPPED"),
                    results.stream().map(r -> r.heading() + "/" + r.status()).toList());
            String reason = results.get(3).skipReasons().get(0);
            assertTrue(reason.contains("Runner is not alive") && reason.contains("a new runner did not start: "
                    + "no runner today"), reason);
            assertEquals(2, launches[0], "one restart attempt, not one per spec");
            assertEquals(1, suite.exitCode());
        }
    }
}
