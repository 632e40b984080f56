package dev.stepwise.host.plugins;

import com.google.protobuf.Message;
import dev.stepwise.host.events.EventKind;
import dev.stepwise.proto.reporting.Event;
import dev.stepwise.proto.reporting.EventStreamGrpc;
import dev.stepwise.proto.reporting.Reply;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host's end of a plugin's {@code stepwise.reporting.EventStream} ({@code stepwise_reporting.proto}): the run's
 * events on one stream instead of one {@code Reporter} call each, only the kinds the plugin subscribed to, and never
 * more than the plugin's window ahead of what it reported handled (besides gRPC's own flow control). Plugins built on the Stepwise reporter SDK serve it; for any other plugin
 * {@link #open} finds {@code UNIMPLEMENTED} and the caller keeps Gauge's calls.
 *
 * <p>Failures surface as {@link StatusRuntimeException}s, like the unary calls': a plugin that handles no event
 * for longer than the call timeout while the host waits for room gets {@code DEADLINE_EXCEEDED}; one that dies or breaks the stream, the status
 * it ended with. Only one thread may call {@link #send} and {@link #finish}.
 */
final class EventStreamClient {
    private final Object readiness = new Object();
    private final CompletableFuture<Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<Long> received = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<Event> requests;
    private volatile Throwable broken;
    private Set<EventKind> kinds = Set.of();
    private int window = 1;
    private long sent;
    /** Written by the transport thread, read under {@link #readiness}. */
    private long handled;

    private EventStreamClient() {
    }

    private record Subscription(Set<EventKind> kinds, int window) {
    }

    /**
     * Opens the stream and waits up to {@code timeout} for the plugin's subscription. Returns null when the plugin
     * does not serve the stream.
     */
    static EventStreamClient open(Channel channel, Duration timeout) {
        EventStreamClient client = new EventStreamClient();
        EventStreamGrpc.newStub(channel).events(client.new Replies());
        try {
            Subscription subscribed = await(client.subscription, timeout, "subscribe to events");
            client.kinds = subscribed.kinds();
            client.window = subscribed.window();
            return client;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return null;
            }
            client.cancel("the plugin did not subscribe");
            throw e;
        }
    }

    /** Whether the plugin subscribed to this kind of event. */
    boolean wants(EventKind kind) {
        return kinds.contains(kind);
    }

    /**
     * Sends one event once the plugin has room for it (within its window, and the transport ready), waiting up to
     * {@code timeout} for the plugin to make progress.
     */
    void send(Message event, EventKind kind, Duration timeout) {
        synchronized (readiness) {
            long deadline = System.nanoTime() + timeout.toNanos();
            long handledBefore = handled;
            while (broken == null && (sent - handled >= window || !requests.isReady())) {
                if (handled != handledBefore) {
                    handledBefore = handled;
                    deadline = System.nanoTime() + timeout.toNanos();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String what = "the plugin handled no event for " + timeout.toMillis() + " ms with "
                            + (sent - handled) + " waiting";
                    cancel(what);
                    throw Status.DEADLINE_EXCEEDED.withDescription(what).asRuntimeException();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(readiness, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Status.CANCELLED.withDescription("interrupted while sending").withCause(e).asRuntimeException();
                }
            }
        }
        if (broken != null) {
            throw Status.fromThrowable(broken).asRuntimeException();
        }
        Event.Builder envelope = Event.newBuilder();
        envelope.setField(Event.getDescriptor().findFieldByNumber(kind.tag()), event);
        requests.onNext(envelope.build());
        sent++;
    }

    /**
     * Ends the stream and waits up to {@code timeout} for the plugin to say how many events it received.
     *
     * @throws PluginException when that is not how many were sent
     */
    void finish(Duration timeout) {
        if (broken != null) {
            throw Status.fromThrowable(broken).asRuntimeException();
        }
        requests.onCompleted();
        long got = await(received, timeout, "confirm the events it received");
        if (got != sent) {
            throw new PluginException("received " + got + " of the " + sent + " events sent on its event stream");
        }
    }

    /** Abandons the stream (the plugin is being dropped). */
    void cancel(String why) {
        ClientCallStreamObserver<Event> r = requests;
        if (r != null) {
            r.cancel(why, null);
        }
    }

    private static <T> T await(CompletableFuture<T> answer, Duration timeout, String what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw Status.DEADLINE_EXCEEDED.withDescription("the plugin did not " + what + " within "
                    + timeout.toMillis() + " ms").asRuntimeException();
        } catch (ExecutionException e) {
            throw Status.fromThrowable(e.getCause()).asRuntimeException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted while waiting for the plugin to " + what)
                    .withCause(e).asRuntimeException();
        }
    }

    private final class Replies implements ClientResponseObserver<Event, Reply> {
        @Override
        public void beforeStart(ClientCallStreamObserver<Event> stream) {
            requests = stream;
            stream.setOnReadyHandler(this::wakeSender);
        }

        @Override
        public void onNext(Reply reply) {
            switch (reply.getReplyCase()) {
                case SUBSCRIPTION -> {
                    Set<EventKind> wanted = EnumSet.noneOf(EventKind.class);
                    for (int tag : reply.getSubscription().getKindsValueList()) {
                        EventKind kind = EventKind.ofTag(tag);
                        if (kind != null) {
                            wanted.add(kind);
                        }
                    }
                    subscription.complete(new Subscription(Set.copyOf(wanted),
                            Math.max(1, reply.getSubscription().getWindow())));
                }
                case HANDLED -> {
                    synchronized (readiness) {
                        handled = Math.max(handled, reply.getHandled().getEvents());
                        readiness.notifyAll();
                    }
                }
                case RECEIVED -> received.complete(reply.getReceived().getEvents());
                case REPLY_NOT_SET -> { }
            }
        }

        @Override
        public void onError(Throwable t) {
            broken = t;
            subscription.completeExceptionally(t);
            received.completeExceptionally(t);
            wakeSender();
        }

        @Override
        public void onCompleted() {
            StatusRuntimeException early = Status.INTERNAL
                    .withDescription("the plugin closed its event stream before saying what it received")
                    .asRuntimeException();
            subscription.completeExceptionally(early);
            received.completeExceptionally(early);
            if (broken == null) {
                broken = early;
            }
            wakeSender();
        }

        private void wakeSender() {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        }
    }
}
