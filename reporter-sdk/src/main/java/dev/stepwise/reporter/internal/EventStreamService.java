package dev.stepwise.reporter.internal;

import com.google.protobuf.Message;
import dev.stepwise.proto.reporting.Event;
import dev.stepwise.proto.reporting.EventKind;
import dev.stepwise.proto.reporting.EventStreamGrpc;
import dev.stepwise.proto.reporting.Handled;
import dev.stepwise.proto.reporting.Received;
import dev.stepwise.proto.reporting.Reply;
import dev.stepwise.proto.reporting.Subscription;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Stepwise's {@code EventStream}: the same events as Gauge's {@code Reporter} calls, on one stream, and only the
 * kinds the listener overrides ({@link ListenerInterest}). Each event goes through the same queue as a unary call.
 *
 * <p>Back-pressure: the subscription tells the host its window (the queue's capacity), and the plugin reports
 * {@code Handled} counts as the listener works through the events; the host never has more than the window sent
 * and not handled. So queueing an event never blocks the transport thread, and a listener that stops is noticed by
 * the host's deadline instead of silently buffering.
 */
public final class EventStreamService extends EventStreamGrpc.EventStreamImplBase {
    private final ReporterService reporter;
    private final Set<EventKind> kinds;
    private final int window;
    private final PluginLog log;

    /**
     * @param reporter where events are queued
     * @param kinds    the kinds to subscribe to
     * @param window   events the host may have sent and not yet seen handled: the dispatcher queue's capacity
     * @param log      where a broken stream is reported
     */
    public EventStreamService(ReporterService reporter, Set<EventKind> kinds, int window, PluginLog log) {
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.kinds = Set.copyOf(kinds);
        this.window = Math.max(1, window);
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public StreamObserver<Event> events(StreamObserver<Reply> replies) {
        Stream stream = new Stream(replies);
        stream.reply(Reply.newBuilder()
                .setSubscription(Subscription.newBuilder().addAllKinds(kinds).setWindow(window))
                .build());
        return stream;
    }

    /**
     * One host's stream. Replies come from two threads (the transport's, the event thread's acknowledgements), so
     * they are serialised on the stream.
     */
    private final class Stream implements StreamObserver<Event> {
        private final StreamObserver<Reply> replies;
        private final int ackEvery = Math.max(1, window / 4);
        private long received;
        private long handled;
        private boolean closed;

        Stream(StreamObserver<Reply> replies) {
            this.replies = replies;
        }

        synchronized void reply(Reply reply) {
            if (!closed) {
                replies.onNext(reply);
            }
        }

        private synchronized void fail(Status status) {
            if (!closed) {
                closed = true;
                replies.onError(status.asRuntimeException());
            }
        }

        /** Counts one handled event; acknowledges every {@code ackEvery}, and the last one of a quiet moment. */
        private synchronized void handledOne(boolean queueEmpty) {
            handled++;
            if (handled % ackEvery == 0 || queueEmpty) {
                reply(Reply.newBuilder().setHandled(Handled.newBuilder().setEvents(handled)).build());
            }
        }

        @Override
        public void onNext(Event event) {
            long number;
            synchronized (this) {
                if (closed) {
                    return;
                }
                number = ++received;
            }
            Message request = unwrap(event);
            if (request == null) {
                fail(Status.INVALID_ARGUMENT.withDescription("event " + number + " of the stream holds no event"));
                return;
            }
            try {
                reporter.enqueue(request).whenComplete((ignored, error) -> handledOne(reporter.queueIsEmpty()));
            } catch (RejectedExecutionException | InterruptedException e) {
                fail(ReporterService.notQueued(request, e));
            }
        }

        @Override
        public void onError(Throwable t) {
            synchronized (this) {
                closed = true;
            }
            log.error("the event stream from the orchestrator broke after " + received + " events", t);
        }

        @Override
        public synchronized void onCompleted() {
            if (closed) {
                return;
            }
            replies.onNext(Reply.newBuilder().setReceived(Received.newBuilder().setEvents(received)).build());
            closed = true;
            replies.onCompleted();
        }
    }

    /** The Gauge request inside the envelope, or null when there is none. */
    static Message unwrap(Event event) {
        if (event.getEventCase() == Event.EventCase.EVENT_NOT_SET) {
            return null;
        }
        return (Message) event.getField(Event.getDescriptor().findFieldByNumber(event.getEventCase().getNumber()));
    }
}
