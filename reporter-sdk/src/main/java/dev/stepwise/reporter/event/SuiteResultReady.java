package dev.stepwise.reporter.event;

import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;

/**
 * The final, merged result of the whole run: the last event before Kill.
 */
public record SuiteResultReady(Instant receivedAt, ExecutionContext context,
        SuiteResult result, SuiteExecutionResult rawRequest)
        implements ReporterEvent {
    public SuiteResultReady {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rawRequest, "rawRequest");
    }

    @Override
    public void deliverTo(ReporterListener listener) throws Exception {
        listener.onSuiteResult(this);
    }
}
