package dev.stepwise.reporter.event;

import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A concept's steps have finished. Gauge sends no result with it; the concept's combined result is
 * in the scenario's step tree ({@link ScenarioFinished}).
 */
public record ConceptFinished(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, ScenarioInfo scenario, StepInfo concept, Optional<StepResult> result, ConceptExecutionEndingRequest rawRequest)
        implements ReporterEvent {
    public ConceptFinished {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(concept, "concept");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onConceptFinished(this);
    }
}
