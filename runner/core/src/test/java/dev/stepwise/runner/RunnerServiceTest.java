package dev.stepwise.runner;

import static dev.stepwise.runner.InProcessRunner.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoStepValue;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.ScenarioDataStoreInitRequest;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.proto.StepValidateRequest;
import dev.stepwise.proto.StepValidateResponse;
import dev.stepwise.proto.SuiteDataStoreInitRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runner service over in-process gRPC, against the fixture steps and hooks. */
class RunnerServiceTest {

    @TempDir
    Path temp;
    InProcessRunner runner;

    @BeforeEach
    void start() throws Exception {
        runner = new InProcessRunner(temp, false);
    }

    @AfterEach
    void stop() throws Exception {
        runner.close();
    }

    @Test
    void passingStepReportsItsMessagesForEitherAlias() {
        ProtoExecutionResult result = runner.step("Say {} to {}", "Say \"hi\" to \"Ada\"", text("hi"), text("Ada"));
        assertFalse(result.getFailed(), result.getErrorMessage());
        assertEquals(List.of("said hi to Ada"), result.getMessageList());

        ProtoExecutionResult alias = runner.step("Greet {} with {}", "Greet \"Ada\" with \"hi\"", text("hi"), text("Ada"));
        assertFalse(alias.getFailed(), alias.getErrorMessage());
    }

    @Test
    void parametersAreConvertedToTheMethodsTypes() {
        ProtoExecutionResult result = runner.step("Count {} items costing {} in {} mood",
                "Count <n> items costing <p> in <m> mood", text("3"), text("2.50"), text("happy"));
        assertFalse(result.getFailed(), result.getErrorMessage());
        assertEquals(List.of("3x2.50 HAPPY"), result.getMessageList());
    }

    @Test
    void aValueThatDoesNotConvertNamesParameterValueAndType() {
        ProtoExecutionResult result = runner.step("Count {} items costing {} in {} mood",
                "Count \"three\" items costing \"2\" in \"happy\" mood", text("three"), text("2"), text("happy"));
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("parameter 1 <n>"), result.getErrorMessage());
        assertTrue(result.getErrorMessage().contains("'three'"), result.getErrorMessage());
        assertTrue(result.getErrorMessage().contains("int"), result.getErrorMessage());
    }

    @Test
    void tablesArriveAsTables() {
        Parameter table = Parameter.newBuilder().setParameterType(Parameter.ParameterType.Table)
                .setTable(ProtoTable.newBuilder()
                        .setHeaders(ProtoTableRow.newBuilder().addCells("item").addCells("amount"))
                        .addRows(ProtoTableRow.newBuilder().addCells("a").addCells("2"))
                        .addRows(ProtoTableRow.newBuilder().addCells("b").addCells("40")))
                .build();
        ProtoExecutionResult result = runner.step("Sum the table {}", "Sum the table", table);
        assertFalse(result.getFailed(), result.getErrorMessage());
        assertEquals(List.of("total 42"), result.getMessageList());
    }

    @Test
    void failureCarriesMessageAndATrimmedStackTrace() {
        ProtoExecutionResult result = runner.step("Fail with {}", "Fail with \"boom\"", text("boom"));
        assertTrue(result.getFailed());
        assertFalse(result.getRecoverableError());
        assertEquals("boom", result.getErrorMessage());
        assertTrue(result.getStackTrace().contains("GreetingSteps.fail"), result.getStackTrace());
        assertFalse(result.getStackTrace().contains("dev.stepwise.runner."), result.getStackTrace());
        assertFalse(result.getStackTrace().contains("reflect"), result.getStackTrace());
    }

    @Test
    void continueOnFailureIsRecoverableOnlyForListedTypes() {
        ProtoExecutionResult listed = runner.step("Fail recoverably with {}", "x", text("soft"));
        assertTrue(listed.getFailed());
        assertTrue(listed.getRecoverableError());

        ProtoExecutionResult other = runner.step("Fail unrecoverably despite continue-on-failure", "y");
        assertTrue(other.getFailed());
        assertFalse(other.getRecoverableError());
    }

    @Test
    void unknownStepIsAFailedResultWithASuggestion() {
        ProtoExecutionResult result = runner.step("Fly to {}", "Fly to \"Mars\"", text("Mars"));
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("Step implementation not found"), result.getErrorMessage());
        assertTrue(result.getErrorMessage().contains("@dev.stepwise.api.Step(\"Fly to <arg0>\")"),
                result.getErrorMessage());
    }

    @Test
    void wrongArityIsAFailedResult() {
        ProtoExecutionResult result = runner.step("Say {} to {}", "Say \"hi\"", text("hi"));
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("passes 1 argument(s)"), result.getErrorMessage());
    }

    @Test
    void skipFromAStepKeepsItsReason() {
        ProtoExecutionResult result = runner.step("Skip the scenario because {}", "s", text("no database"));
        assertFalse(result.getFailed());
        assertTrue(result.getSkipScenario());
        assertEquals("no database", result.getErrorMessage());
    }

    @Test
    void timeoutFailsAStepThatTakesTooLong() {
        long start = System.nanoTime();
        ProtoExecutionResult result = runner.step("Sleep for {} ms", "Sleep", text("5000"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("timed out after 300 ms"), result.getErrorMessage());
        assertTrue(millis < 4000, "the step was not cut off: " + millis + " ms");
    }

    @Test
    void attachmentsAreWrittenAndReportedByFileName() throws Exception {
        ProtoExecutionResult result = runner.step("Attach a text file", "Attach a text file");
        assertFalse(result.getFailed(), result.getErrorMessage());
        assertEquals(1, result.getScreenshotFilesCount());
        Path written = runner.screenshots.resolve(result.getScreenshotFiles(0));
        assertEquals("hello", Files.readString(written));
        assertTrue(result.getMessage(0).contains("note.txt"), result.getMessage(0));
    }

    @Test
    void scenarioStoreIsClearedByItsInitializeRpcAndSeenByThreadsTheStepStarts() {
        runner.step("Remember {} as {} in the scenario store", "r", text("user"), text("ada"));
        assertEquals(List.of("user=ada"), runner.step("Report the scenario store value of {}", "r", text("user"))
                .getMessageList());
        assertEquals(List.of("thread user=ada"), runner.step("Report {} from a thread the step starts", "r",
                text("user")).getMessageList());

        runner.stub.initializeScenarioDataStore(ScenarioDataStoreInitRequest.newBuilder().build());
        assertEquals(List.of("user=null"), runner.step("Report the scenario store value of {}", "r", text("user"))
                .getMessageList());
    }

    @Test
    void instancesLiveForOneScenario() {
        assertEquals(List.of("calls 1"), runner.step("Count calls on this instance", "c").getMessageList());
        assertEquals(List.of("calls 2"), runner.step("Count calls on this instance", "c").getMessageList());
        runner.stub.initializeScenarioDataStore(ScenarioDataStoreInitRequest.newBuilder().build());
        assertEquals(List.of("calls 1"), runner.step("Count calls on this instance", "c").getMessageList());
    }

    private static ExecutionInfo scenario(String name, String... tags) {
        return ExecutionInfo.newBuilder()
                .setCurrentSpec(SpecInfo.newBuilder().setName("Spec").setFileName("/p/a.spec"))
                .setCurrentScenario(ScenarioInfo.newBuilder().setName(name).addAllTags(List.of(tags)))
                .build();
    }

    @Test
    void beforeScenarioHooksRunInOrderAndByTag() {
        ProtoExecutionResult plain = runner.stub.startScenarioExecution(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(scenario("Plain")).build()).getExecutionResult();
        assertFalse(plain.getFailed(), plain.getErrorMessage());
        assertEquals(List.of("before scenario 1", "before scenario 2 Plain"), plain.getMessageList());

        ProtoExecutionResult smoke = runner.stub.startScenarioExecution(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(scenario("Smoke", "SMOKE")).build()).getExecutionResult();
        assertEquals(List.of("before scenario 1", "before smoke", "before scenario 2 Smoke"), smoke.getMessageList());

        ProtoExecutionResult slow = runner.stub.startScenarioExecution(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(scenario("Slow smoke", "smoke", "slow")).build()).getExecutionResult();
        assertEquals(List.of("before scenario 1", "before scenario 2 Slow smoke"), slow.getMessageList());
    }

    @Test
    void afterHooksRunInReverseOrder() {
        ProtoExecutionResult result = runner.stub.finishScenarioExecution(ScenarioExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(scenario("Plain")).build()).getExecutionResult();
        assertEquals(List.of("after scenario 2", "after scenario 1"), result.getMessageList());
    }

    @Test
    void failingHookIsNeverRecoverableAndNamesTheHook() {
        ProtoExecutionResult result = runner.stub.startScenarioExecution(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(scenario("Broken", "broken")).build()).getExecutionResult();
        assertTrue(result.getFailed());
        assertFalse(result.getRecoverableError());
        assertTrue(result.getErrorMessage().contains("Hooks.broken"), result.getErrorMessage());
        assertTrue(result.getErrorMessage().contains("hook broke"), result.getErrorMessage());
    }

    @Test
    void beforeScenarioHookCanSkipWithAReason() {
        ProtoExecutionResult result = runner.stub.startScenarioExecution(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(scenario("Skipped", "skipme")).build()).getExecutionResult();
        assertFalse(result.getFailed());
        assertTrue(result.getSkipScenario());
        assertEquals("not on this platform", result.getErrorMessage());
    }

    @Test
    void suiteHooksReceiveTheirMessages() {
        runner.stub.initializeSuiteDataStore(SuiteDataStoreInitRequest.newBuilder().build());
        ProtoExecutionResult result = runner.stub.startExecution(ExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(ExecutionInfo.getDefaultInstance()).build()).getExecutionResult();
        assertEquals(List.of("before suite"), result.getMessageList());
    }

    @Test
    void validateStepAnswersFoundNotFoundAndDuplicate() {
        StepValidateResponse found = runner.stub.validateStep(StepValidateRequest.newBuilder()
                .setStepText("Say {} to {}").setNumberOfParameters(2).build());
        assertTrue(found.getIsValid());

        StepValidateResponse missing = runner.stub.validateStep(StepValidateRequest.newBuilder()
                .setStepText("Order {} coffees for {}").setNumberOfParameters(2)
                .setStepValue(ProtoStepValue.newBuilder().setStepValue("Order {} coffees for {}")
                        .setParameterizedStepValue("Order <count> coffees for <person name>")
                        .addParameters("count").addParameters("person name"))
                .build());
        assertFalse(missing.getIsValid());
        assertEquals(StepValidateResponse.ErrorType.STEP_IMPLEMENTATION_NOT_FOUND, missing.getErrorType());
        assertTrue(missing.getSuggestion().contains(
                "@dev.stepwise.api.Step(\"Order <count> coffees for <personName>\")"), missing.getSuggestion());
        assertTrue(missing.getSuggestion().contains("public void orderCoffeesFor(String count, String personName)"),
                missing.getSuggestion());

        StepValidateResponse duplicate = runner.stub.validateStep(StepValidateRequest.newBuilder()
                .setStepText("Do the ambiguous thing").build());
        assertFalse(duplicate.getIsValid());
        assertEquals(StepValidateResponse.ErrorType.DUPLICATE_STEP_IMPLEMENTATION, duplicate.getErrorType());
        assertTrue(duplicate.getErrorMessage().contains("DuplicateSteps.one"), duplicate.getErrorMessage());
        assertTrue(duplicate.getErrorMessage().contains("DuplicateSteps$Nested.two"), duplicate.getErrorMessage());
        assertTrue(duplicate.getErrorMessage().contains("DuplicateSteps.java:"), duplicate.getErrorMessage());

        assertTrue(runner.stub.validateStep(StepValidateRequest.newBuilder()
                .setStepText("Do the nested thing").build()).getIsValid());
    }

    @Test
    void duplicatesAreReportedAtStartUp() {
        assertTrue(runner.log().contains("Duplicate step implementation 'Do the ambiguous thing'"), runner.log());
    }

    @Test
    void stepNamesListEachTextOnce() {
        List<String> names = runner.stub.getStepNames(StepNamesRequest.getDefaultInstance()).getStepsList();
        assertTrue(names.contains("Say <greeting> to <name>"), names.toString());
        assertTrue(names.contains("Greet <name> with <greeting>"), names.toString());
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
    }

    @Test
    void suiteStoreIsOneStoreForTheProcessAcrossStreams() {
        runner.step(1, "Remember {} as {} in the suite store", "r", text("k"), text("v"));
        assertEquals(List.of("k=v"), runner.step(2, "Report the suite store value of {}", "r", text("k"))
                .getMessageList());
    }

    @Test
    void scenarioStoresAreSeparatePerStream() {
        runner.step(1, "Remember {} as {} in the scenario store", "r", text("k"), text("one"));
        assertEquals(List.of("k=null"), runner.step(2, "Report the scenario store value of {}", "r", text("k"))
                .getMessageList());
        assertEquals(List.of("stream 2"), runner.step(2, "Report the stream", "r").getMessageList());
    }

    @Test
    void killEndsServing() throws Exception {
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                runner.server.awaitStopRequest();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runner.stub.kill(dev.stepwise.proto.KillProcessRequest.getDefaultInstance());
        stopped.get(5, TimeUnit.SECONDS);
    }
}
