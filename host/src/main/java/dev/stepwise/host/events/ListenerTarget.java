package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.reporter.ProtoEvents;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.event.ReporterEvent;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ReporterListener} run in-process (the built-in reports), fed exactly as the SDK feeds a plugin's
 * listener: each request mapped with {@link ProtoEvents#toEvent}, stamped with the time it happened, delivered on one
 * thread; {@code onKill} and {@code close} at the end.
 */
public final class ListenerTarget implements EventTarget {
    private final String name;
    private final ReporterListener listener;
    private final Group group;
    /** The kinds the listener overrides the callback of: others would reach an empty method, so are not mapped. */
    private final Set<EventKind> wanted;
    private boolean closed;

    /**
     * Listeners that share one sender thread, and so can share each event's mapping: the events are immutable, and
     * the thread delivers one request to every member before taking the next.
     */
    public static final class Group {
        private final String name;
        private Message lastRequest;
        private Instant lastAt;
        private ReporterEvent lastEvent;

        public Group(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        ReporterEvent map(Message request, Instant at) {
            if (request != lastRequest || !at.equals(lastAt)) {
                lastEvent = ProtoEvents.toEvent(request, at);
                lastRequest = request;
                lastAt = at;
            }
            return lastEvent;
        }
    }

    /** A listener on a sender thread of its own. */
    public ListenerTarget(String name, ReporterListener listener) {
        this(name, listener, null);
    }

    /** A listener sharing {@code group}'s sender thread and event mapping (null: a thread of its own). */
    public ListenerTarget(String name, ReporterListener listener, Group group) {
        this.name = Objects.requireNonNull(name, "name");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.group = group;
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        ProtoEvents.interest(listener).forEach(k -> kinds.add(EventKind.ofTag(k.getNumber())));
        this.wanted = Collections.unmodifiableSet(kinds);
    }

    @Override
    public boolean wants(EventKind kind) {
        return wanted.contains(kind);
    }

    @Override
    public String sharedThread() {
        return group == null ? null : group.name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Message event, Instant at) throws Exception {
        if (!wanted.contains(EventKind.of(event))) {
            return;
        }
        ReporterEvent mapped = group == null ? ProtoEvents.toEvent(event, at) : group.map(event, at);
        mapped.deliverTo(listener);
    }

    @Override
    public void finish() throws Exception {
        try {
            listener.onKill();
        } finally {
            closed = true;
            listener.close();
        }
    }

    /** The report is abandoned: {@code close} without a suite result discards partial files. */
    @Override
    public void abort() {
        if (!closed) {
            closed = true;
            try {
                listener.close();
            } catch (Exception ignored) {
                // already failed; the first failure is what gets reported
            }
        }
    }
}
