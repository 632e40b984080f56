package dev.stepwise.reporter.event;

import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A leaf step is about to run. Sent twice: before the before-step hooks ({@code result} empty) and
 * after them (with their outcome).
 */
public record StepStarting(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, ScenarioInfo scenario, StepInfo step, Optional<StepResult> result, StepExecutionStartingRequest rawRequest)
        implements ReporterEvent {
    public StepStarting {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    /** False on the first notification (before the hooks ran), true on the second (with their outcome). */
    public boolean hooksDone() {
        return result.isPresent();
    }

    /** The before-step hook failure, once {@link #hooksDone()}; the step then does not run. */
    public Optional<Failure> beforeHookFailure() {
        return result.flatMap(StepResult::beforeHookFailure);
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onStepStarting(this);
    }
}
