package dev.stepwise.reporter.event;

import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;

/**
 * A concept's steps are about to run. Sent once; {@code concept} is the invoking step.
 */
public record ConceptStarting(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, ScenarioInfo scenario, StepInfo concept, ConceptExecutionStartingRequest rawRequest)
        implements ReporterEvent {
    public ConceptStarting {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onConceptStarting(this);
    }
}
