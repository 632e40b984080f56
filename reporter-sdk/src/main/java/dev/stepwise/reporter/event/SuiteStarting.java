package dev.stepwise.reporter.event;

import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The run begins. Sent twice: before the before-suite hooks ({@code result} empty) and after them
 * ({@code result} holds the suite so far, with any before-suite hook failure).
 */
public record SuiteStarting(Instant receivedAt, ExecutionContext context,
        Optional<SuiteResult> result, ExecutionStartingRequest rawRequest)
        implements ReporterEvent {
    public SuiteStarting {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    /** False on the first notification (before the hooks ran), true on the second (with their outcome). */
    public boolean hooksDone() {
        return result.isPresent();
    }

    /** The before-suite hook's failure, once {@link #hooksDone()}. */
    public Optional<Failure> beforeHookFailure() {
        return result.flatMap(SuiteResult::beforeHookFailure);
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onSuiteStarting(this);
    }
}
