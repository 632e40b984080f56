package dev.stepwise.reporter.event;

import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;

/**
 * An attempt of a scenario has finished, its after-scenario hooks included. {@code result} carries the
 * whole step tree with each step's result. A failing attempt may be followed by a retry of the same
 * scenario ({@link ScenarioStarting} with {@code currentRetry() > 0}).
 */
public record ScenarioFinished(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, ScenarioInfo scenario, ScenarioResult result, ScenarioExecutionEndingRequest rawRequest)
        implements ReporterEvent {
    public ScenarioFinished {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    /** True when the orchestrator sent the step tree with the result (Gauge does). */
    public boolean hasSteps() {
        return !result.allItems().isEmpty();
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onScenarioFinished(this);
    }
}
