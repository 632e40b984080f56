package dev.stepwise.reporter;

import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ProtoTableDrivenScenario;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.Span;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.event.ExecutedStep;
import dev.stepwise.reporter.event.Parameter;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioResult;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.Status;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtoEventsTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void startingNotificationsAreTwoPhases() {
        var first = (SuiteStarting) ProtoEvents.toEvent(ExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.info(null, null, 0)).build(), AT);
        var second = (SuiteStarting) ProtoEvents.toEvent(ExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.info(null, null, 0))
                .setSuiteResult(ProtoSuiteResult.newBuilder().setPreHookFailure(
                        dev.stepwise.proto.ProtoHookFailure.newBuilder().setErrorMessage("db down"))).build(), AT);
        assertFalse(first.hooksDone());
        assertTrue(second.hooksDone());
        assertEquals("db down", second.beforeHookFailure().orElseThrow().message());
        assertEquals(AT, first.receivedAt());
        assertEquals("demo", first.context().projectName());
        assertEquals(4, first.context().numberOfStreams());
    }

    @Test
    void stepEventsCarryTextParametersAndResult() {
        var starting = (StepStarting) ProtoEvents.toEvent(StepExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.stepInfo("Login", "Good", "Say \"x\"")).setStream(2).build(), AT);
        assertEquals("Say \"x\"", starting.step().actualText());
        assertEquals(Parameter.Kind.STATIC, starting.step().parameters().get(0).kind());
        assertEquals(2, starting.context().stream());
        assertEquals("Login", starting.spec().name());
        assertEquals(List.of("web"), starting.spec().tags());
        assertEquals("Good", starting.scenario().name());
        assertFalse(starting.hooksDone());

        var finished = (StepFinished) ProtoEvents.toEvent(StepExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.stepInfo("Login", "Good", "check"))
                .setStepResult(Fixtures.stepResult("check", true)).build(), AT);
        assertEquals(Status.FAILED, finished.result().status());
        assertEquals("expected 1 but was 2", finished.result().failure().orElseThrow().message());
        assertEquals("at Steps.java:10", finished.result().failure().orElseThrow().stackTrace());
        assertEquals(List.of("shot-1.png"), finished.result().screenshotFiles());
        assertEquals(List.of("hello from check"), finished.result().messages());
        assertEquals(Duration.ofMillis(12), finished.result().duration());
    }

    @Test
    void scenarioFinishedCarriesTheStepTreeRetriesAndHooks() {
        var e = (ScenarioFinished) ProtoEvents.toEvent(ScenarioExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.info("Login", "Bad", 1))
                .setScenarioResult(Fixtures.scenarioResult("Bad", true)).build(), AT);
        assertEquals(1, e.scenario().currentRetry());
        assertEquals(2, e.scenario().attempt());
        assertEquals(2, e.scenario().maxRetries());
        assertEquals(Status.FAILED, e.result().status());
        assertEquals(5, e.result().span().orElseThrow().start());
        assertEquals(2, e.result().steps().size());
        var check = (ExecutedStep) e.result().steps().get(1);
        assertEquals(Status.FAILED, check.result().status());
        assertEquals(List.of("id", "name"), check.step().parameters().get(0).table().headers());
        assertEquals(List.of(List.of("1", "Ann")), check.step().parameters().get(0).table().rows());
        assertEquals("after hook broke", e.result().afterHookFailure().orElseThrow().message());
        assertEquals("expected 1 but was 2", e.result().firstFailure().orElseThrow().message());
        assertTrue(e.hasSteps());
    }

    @Test
    void sparseRequestsStillMap() {
        var e = (ScenarioFinished) ProtoEvents.toEvent(ScenarioExecutionEndingRequest.getDefaultInstance(), AT);
        assertEquals("", e.scenario().name());
        assertFalse(e.hasSteps());
        var s = (StepFinished) ProtoEvents.toEvent(StepExecutionEndingRequest.getDefaultInstance(), AT);
        assertEquals(Status.SKIPPED, s.result().status());
    }

    @Test
    void specAndSuiteResults() {
        ProtoSpecResult spec = ProtoSpecResult.newBuilder().setProtoSpec(ProtoSpec.newBuilder()
                        .setSpecHeading("Login").setFileName("/p/specs/login.spec").addTags("web"))
                .setScenarioCount(3).setScenarioFailedCount(1).setScenarioSkippedCount(1).setFailed(true)
                .setExecutionTime(1500).build();
        var sf = (SpecFinished) ProtoEvents.toEvent(SpecExecutionEndingRequest.newBuilder().setSpecResult(spec).build(), AT);
        assertEquals("Login", sf.spec().name()); // taken from the result when ExecutionInfo has no spec
        assertEquals(Status.FAILED, sf.result().status());
        assertEquals(1, sf.result().scenarioPassedCount());

        SuiteExecutionResult suite = SuiteExecutionResult.newBuilder().setSuiteResult(ProtoSuiteResult.newBuilder()
                .addSpecResults(spec).setFailed(true).setSpecsFailedCount(1).setSuccessRate(0f)
                .setEnvironment("default, ci").setTags("web & !slow").setProjectName("demo")
                .setExecutionTime(2000).setTimestampISO("2026-01-02T03:04:05Z")).build();
        var r = (SuiteResultReady) ProtoEvents.toEvent(suite, AT);
        assertEquals(3, r.result().scenariosCount());
        assertEquals(1, r.result().scenariosFailedCount());
        assertEquals(1, r.result().specsCount());
        assertEquals("default, ci", r.result().environment());
        assertEquals("web & !slow", r.result().tags());
        assertEquals(Duration.ofSeconds(2), r.result().duration());
        assertEquals("2026-01-02T03:04:05Z", r.result().timestamp().orElseThrow());
        assertSame(suite, r.rawRequest());
    }

    @Test
    void scenariosThatNeverStartedComeWithTheSpecResult() {
        ProtoScenario invalid = ProtoScenario.newBuilder().setScenarioHeading("Unimplemented").addTags("wip")
                .setSpan(Span.newBuilder().setStart(12).setEnd(14)).setSkipped(true)
                .setExecutionStatus(ExecutionStatus.SKIPPED).addSkipErrors("Step implementation not found: Fly away")
                .addScenarioItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(
                        ProtoStep.newBuilder().setActualText("Fly away").setParsedText("Fly away")))
                .build();
        ProtoScenario row = invalid.toBuilder().setScenarioHeading("Per row").clearSkipErrors()
                .addSkipErrors("runner died").build();
        // Gauge also lists the scenarios that ran; those must not come back as unstarted.
        ProtoScenario ran = Fixtures.scenarioResult("Ran", false).getProtoItem().getScenario();
        ProtoScenario skippedByHook = invalid.toBuilder().setScenarioHeading("Skipped by its hook")
                .addPreHookMessages("the shop is closed").build();
        ProtoSpecResult spec = ProtoSpecResult.newBuilder().setProtoSpec(ProtoSpec.newBuilder()
                        .setSpecHeading("Login").setFileName("/p/specs/login.spec")
                        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(ran))
                        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(invalid))
                        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario)
                                .setScenario(skippedByHook))
                        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.TableDrivenScenario)
                                .setTableDrivenScenario(ProtoTableDrivenScenario.newBuilder().setScenario(row)
                                        .setIsSpecTableDriven(true).setTableRowIndex(1))))
                .setScenarioCount(4).setScenarioSkippedCount(3).build();
        var sf = (SpecFinished) ProtoEvents.toEvent(SpecExecutionEndingRequest.newBuilder().setSpecResult(spec).build(), AT);
        List<ScenarioResult> unstarted = sf.result().unstartedScenarios();
        assertEquals(List.of("Unimplemented", "Per row"), unstarted.stream().map(ScenarioResult::name).toList());
        ScenarioResult first = unstarted.get(0);
        assertEquals(Status.SKIPPED, first.status());
        assertEquals(List.of("Step implementation not found: Fly away"), first.skipReasons());
        assertEquals(List.of("wip"), first.tags());
        assertEquals(12, first.span().orElseThrow().start());
        assertEquals("Fly away", first.steps().get(0).step().actualText());
        assertEquals(Status.SKIPPED, first.steps().get(0).result().status());
        assertEquals(1, unstarted.get(1).dataRow().orElseThrow().specTableRowIndex());
        assertEquals(List.of("runner died"), unstarted.get(1).skipReasons());

        // The suite result's per-spec copies do not repeat them.
        var r = (SuiteResultReady) ProtoEvents.toEvent(SuiteExecutionResult.newBuilder()
                .setSuiteResult(ProtoSuiteResult.newBuilder().addSpecResults(spec)).build(), AT);
        assertTrue(r.result().specs().get(0).unstartedScenarios().isEmpty());
    }

    @Test
    void eventsAreImmutable() {
        var e = (ScenarioFinished) ProtoEvents.toEvent(ScenarioExecutionEndingRequest.newBuilder()
                .setScenarioResult(Fixtures.scenarioResult("Bad", true)).build(), AT);
        assertThrows(UnsupportedOperationException.class, () -> e.result().steps().clear());
        assertThrows(UnsupportedOperationException.class, () -> e.result().tags().add("x"));
        assertThrows(NullPointerException.class, () -> new dev.stepwise.reporter.event.SpecInfo(null, "", List.of()));
    }

    @Test
    void rejectsForeignMessages() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> ProtoEvents.toEvent(ProtoSpec.getDefaultInstance(), AT));
        assertTrue(ex.getMessage().contains("gauge.messages.ProtoSpec"), ex.getMessage());
    }
}
