package dev.stepwise.reporter.event;

import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An attempt of a scenario begins ({@link ScenarioInfo#currentRetry()} says which). Sent twice: before the
 * before-scenario hooks ({@code result} empty) and after them (with their outcome).
 */
public record ScenarioStarting(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, ScenarioInfo scenario, Optional<ScenarioResult> result, ScenarioExecutionStartingRequest rawRequest)
        implements ReporterEvent {
    public ScenarioStarting {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    /** False on the first notification (before the hooks ran), true on the second (with their outcome). */
    public boolean hooksDone() {
        return result.isPresent();
    }

    /** The before-scenario hook failure, once {@link #hooksDone()}. */
    public Optional<Failure> beforeHookFailure() {
        return result.flatMap(ScenarioResult::beforeHookFailure);
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onScenarioStarting(this);
    }
}
