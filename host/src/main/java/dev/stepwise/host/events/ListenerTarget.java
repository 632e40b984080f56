package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.reporter.ProtoEvents;
import dev.stepwise.reporter.ReporterListener;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ReporterListener} run in-process (the built-in reports), fed exactly as the SDK feeds a plugin's
 * listener: each request mapped with {@link ProtoEvents#toEvent}, stamped with the time it happened, delivered on one
 * thread; {@code onKill} and {@code close} at the end.
 */
public final class ListenerTarget implements EventTarget {
    private final String name;
    private final ReporterListener listener;
    private boolean closed;

    public ListenerTarget(String name, ReporterListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Message event, Instant at) throws Exception {
        ProtoEvents.toEvent(event, at).deliverTo(listener);
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
