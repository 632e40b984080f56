package dev.stepwise.reporter.event;

import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A spec begins. Sent twice: before the before-spec hooks ({@code result} empty) and after them.
 */
public record SpecStarting(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, Optional<SpecResult> result, SpecExecutionStartingRequest rawRequest)
        implements ReporterEvent {
    public SpecStarting {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    /** False on the first notification (before the hooks ran), true on the second (with their outcome). */
    public boolean hooksDone() {
        return result.isPresent();
    }

    /** The before-spec hook failures, once {@link #hooksDone()}. */
    public java.util.List<Failure> beforeHookFailures() {
        return result.map(SpecResult::beforeHookFailures).orElse(java.util.List.of());
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onSpecStarting(this);
    }
}
