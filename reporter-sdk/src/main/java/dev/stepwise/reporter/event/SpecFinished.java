package dev.stepwise.reporter.event;

import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;

/**
 * A spec has finished, its after-spec hooks included.
 */
public record SpecFinished(Instant receivedAt, ExecutionContext context,
        SpecInfo spec, SpecResult result, SpecExecutionEndingRequest rawRequest)
        implements ReporterEvent {
    public SpecFinished {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onSpecFinished(this);
    }
}
