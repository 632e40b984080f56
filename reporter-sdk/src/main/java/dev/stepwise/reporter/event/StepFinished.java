package dev.stepwise.reporter.event;

import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;

/**
 * A leaf step has finished, its after-step hooks included. Also sent for a step that did not run.
 */
public record StepFinished(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, ScenarioInfo scenario, StepInfo step, StepResult result, StepExecutionEndingRequest rawRequest)
        implements ReporterEvent {
    public StepFinished {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onStepFinished(this);
    }
}
