package dev.stepwise.reporter;

import dev.stepwise.reporter.event.ConceptFinished;
import dev.stepwise.reporter.event.ConceptStarting;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;

/**
 * Receives a run's events. Every method has an empty default, so a listener overrides only what it needs.
 *
 * <h2>Order</h2>
 * Events arrive in the order described on {@link dev.stepwise.reporter.event.ReporterEvent}. Gauge sends
 * every "starting" notification twice, first before the hooks ran and then after them; the event's
 * {@code hooksDone()} tells the two apart. A listener that wants one call per item acts on
 * {@code hooksDone() == false} (the earliest moment) or {@code true} (with the hook outcome), not both.
 * After {@link #onSuiteResult} come {@link #onKill} and {@link #close}, each exactly once.
 *
 * <h2>Threading</h2>
 * When run by {@link ReporterPlugin} (or by the Stepwise host in-process), all methods of one listener
 * are called from one thread, one at a time, in arrival order: a listener needs no synchronisation
 * for its own state. In parallel runs the events of several streams are interleaved on that one thread;
 * keep per-stream state keyed by {@code event.context().stream()}. A slow listener does not lose events:
 * the plugin queues them (bounded) and, when the queue is full, the orchestrator waits.
 *
 * <h2>Failures</h2>
 * An exception thrown by a method is logged with the listener's class and the event, and delivery goes on
 * with the next event; the orchestrator's call is not failed. The plugin then exits with status 1 at the
 * end so the host can report the broken reporter.
 */
public interface ReporterListener extends AutoCloseable {

    default void onSuiteStarting(SuiteStarting event) throws Exception {
    }

    default void onSpecStarting(SpecStarting event) throws Exception {
    }

    default void onScenarioStarting(ScenarioStarting event) throws Exception {
    }

    default void onConceptStarting(ConceptStarting event) throws Exception {
    }

    default void onStepStarting(StepStarting event) throws Exception {
    }

    default void onStepFinished(StepFinished event) throws Exception {
    }

    default void onConceptFinished(ConceptFinished event) throws Exception {
    }

    default void onScenarioFinished(ScenarioFinished event) throws Exception {
    }

    /**
     * A spec has ended. Scenarios skipped before they started (validation error, dead runner, ...) had no scenario
     * events: they come here, in {@code event.result().unstartedScenarios()}.
     */
    default void onSpecFinished(SpecFinished event) throws Exception {
    }

    default void onSuiteFinished(SuiteFinished event) throws Exception {
    }

    /** The final merged result of the run. Write your report here (or in {@link #close}). */
    default void onSuiteResult(SuiteResultReady event) throws Exception {
    }

    /**
     * The orchestrator asked the plugin to stop. Every event received before the Kill has been delivered.
     * {@link #close} follows.
     */
    default void onKill() throws Exception {
    }

    /** Last call, also after a failure: finish and release files. Called exactly once. */
    @Override
    default void close() throws Exception {
    }
}
