package dev.stepwise.reporter.event;

import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The run's specs are done. Sent twice: before the after-suite hooks ({@code result} empty) and after
 * them. In multi-process parallel runs it is sent once per stream.
 */
public record SuiteFinished(Instant receivedAt, ExecutionContext context,
        Optional<SuiteResult> result, ExecutionEndingRequest rawRequest)
        implements ReporterEvent {
    public SuiteFinished {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    /** False on the first notification (before the hooks ran), true on the second (with their outcome). */
    public boolean hooksDone() {
        return result.isPresent();
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onSuiteFinished(this);
    }
}
