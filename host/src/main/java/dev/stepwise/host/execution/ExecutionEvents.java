package dev.stepwise.host.execution;

import dev.stepwise.host.parser.ExecutableStep;
import dev.stepwise.host.parser.Scenario;
import dev.stepwise.host.parser.Spec;
import dev.stepwise.host.parser.Step;

/**
 * The points of a run at which Gauge notifies reporter plugins (gauge-protocol.md sections 2 and 4), in host
 * types. The {@link Orchestrator} calls these in exactly Gauge's order; {@code dev.stepwise.host.events} turns
 * them into the Reporter requests. Every method has an empty default.
 *
 * <p>"Starting" comes in two calls, as in Gauge: {@code xStarting} before the before-hook RPC and
 * {@code xStarted} with the hook's outcome after it. {@code state} is the ExecutionInfo snapshot the runner got
 * (or would get) at that moment.
 */
public interface ExecutionEvents {

    /** Nothing is listening. */
    ExecutionEvents NONE = new ExecutionEvents() {
    };

    /**
     * The events of one execution stream in a parallel run: spec, scenario, concept and step notifications of that
     * stream go to the view, suite notifications to this object. Views are called from their stream's thread, at
     * the same time as each other. The default shares this object, for listeners that keep no per-stream state.
     */
    default ExecutionEvents forStream(int stream) {
        return this;
    }

    /** Before StartExecution. */
    default void suiteStarting(ExecutionState state) {
    }

    /** After StartExecution (the before-suite hooks). */
    default void suiteStarted(ExecutionState state, Outcome beforeHook) {
    }

    /** A spec that will be reported (not one with parse errors), before its data store and hooks. */
    default void specStarting(ExecutionState state, Spec spec) {
    }

    /** After StartSpecExecution. */
    default void specStarted(ExecutionState state, Outcome beforeHook) {
    }

    /** A scenario run (one row of a data-driven spec or scenario), after its data store, before its hook. */
    default void scenarioStarting(ExecutionState state, Scenario scenario, int specRow, int scenarioRow) {
    }

    /** After StartScenarioExecution. */
    default void scenarioStarted(ExecutionState state, Outcome beforeHook) {
    }

    /** Before a concept's steps; {@code top} is the spec-level step it expands from. */
    default void conceptStarting(ExecutionState state, Step concept, Step top) {
    }

    /** After a concept's steps (not sent when a non-recoverable failure ended the concept, as in Gauge). */
    default void conceptFinished(ExecutionState state, Step concept) {
    }

    /** Before StartStepExecution; {@code top} is the spec-level step (a concept invocation or the step itself). */
    default void stepStarting(ExecutionState state, ExecutableStep leaf, Step top) {
    }

    /** After StartStepExecution. */
    default void stepStarted(ExecutionState state, Outcome beforeHook) {
    }

    /** After FinishStepExecution; {@code execution} is null when ExecuteStep was not sent (before-hook failed). */
    default void stepFinished(ExecutionState state, Outcome execution, Outcome afterHook) {
    }

    /** The after-hook of the scenario, spec or suite in flight answered. */
    default void afterHook(RunnerClient.Level level, Outcome afterHook) {
    }

    /**
     * A scenario run's result. For a run that started this ends it; a run skipped before it started (validation
     * error, dead runner, failed data store) gets no start notifications, as in Gauge.
     */
    default void scenarioFinished(ScenarioResult result) {
    }

    /** A spec's result; also for specs that had parse errors and never started. */
    default void specFinished(SpecResult result) {
    }

    /** Before FinishExecution. */
    default void suiteEnding(ExecutionState state) {
    }

    /** The run is over (also when nothing could run). */
    default void suiteFinished(SuiteResult result) {
    }
}
