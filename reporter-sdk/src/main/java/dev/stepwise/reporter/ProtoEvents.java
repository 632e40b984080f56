package dev.stepwise.reporter;

import com.google.protobuf.Message;
import dev.stepwise.proto.SpecDetails;
import dev.stepwise.proto.reporting.EventKind;
import dev.stepwise.reporter.event.DocsRequest;
import dev.stepwise.reporter.event.ReporterEvent;
import dev.stepwise.reporter.internal.EventMapper;
import dev.stepwise.reporter.internal.ListenerInterest;

import java.time.Instant;
import java.util.Set;

/**
 * Maps Gauge's protobuf requests to typed events, for code that holds the requests itself: a host that
 * runs {@link ReporterListener}s in-process, or a tool that replays a recorded event log. Deliver the
 * result with {@link ReporterEvent#deliverTo(ReporterListener)}.
 */
public final class ProtoEvents {
    private ProtoEvents() {
    }

    /**
     * The event for a {@code Reporter} notification request ({@code ExecutionStartingRequest},
     * {@code SpecExecutionEndingRequest}, ..., {@code SuiteExecutionResult}).
     *
     * @throws IllegalArgumentException for any other message type
     */
    public static ReporterEvent toEvent(Message request, Instant receivedAt) {
        return EventMapper.toEvent(request, receivedAt);
    }

    public static DocsRequest toDocsRequest(SpecDetails request, Instant receivedAt) {
        return EventMapper.toDocsRequest(request, receivedAt);
    }

    /**
     * The kinds of request whose callback {@code listener} overrides; requests of other kinds would reach only an
     * empty default method, so a host may leave them out (a dynamic proxy gets every kind). Computed by reflection:
     * ask once per listener, not per event.
     */
    public static Set<EventKind> interest(ReporterListener listener) {
        return ListenerInterest.of(listener);
    }

    /** "ScenarioFinished [stream 1, spec 'Login' (/p/specs/login.spec), scenario 'Bad password']", for logs. */
    public static String describe(ReporterEvent event) {
        return EventMapper.describe(event);
    }
}
