package dev.stepwise.reporter.event;

import com.google.protobuf.Message;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;

/**
 * Something the orchestrator told the reporter. The permitted types follow Gauge's notification order:
 * <pre>
 * SuiteStarting x2
 *   SpecStarting x2                       per spec
 *     ScenarioStarting x2                 per scenario attempt
 *       [ConceptStarting]                 per concept, before its steps
 *         StepStarting x2, StepFinished   per leaf step
 *       [ConceptFinished]
 *     ScenarioFinished
 *   SpecFinished
 * SuiteFinished x2
 * SuiteResultReady
 * </pre>
 * Every "starting" notification (and {@code SuiteFinished}) arrives twice: first before the
 * orchestrator runs the hooks ({@code hooksDone() == false}, no result), then again after them
 * ({@code hooksDone() == true}, with the hook outcome). A reporter that only wants one of each looks
 * at {@code hooksDone()}. In parallel runs the events of different {@link ExecutionContext#stream()
 * streams} interleave.
 */
public sealed interface ReporterEvent
        permits SuiteStarting, SpecStarting, ScenarioStarting, ConceptStarting, StepStarting, StepFinished,
        ConceptFinished, ScenarioFinished, SpecFinished, SuiteFinished, SuiteResultReady {

    /** When the plugin received the notification. */
    Instant receivedAt();

    ExecutionContext context();

    /** The protobuf request this event was mapped from. */
    Message rawRequest();

    /** Calls the listener method for this event type. */
    void deliverTo(ReporterListener listener) throws Exception;
}
