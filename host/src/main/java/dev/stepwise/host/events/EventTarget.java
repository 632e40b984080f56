package dev.stepwise.host.events;

import com.google.protobuf.Message;

import java.time.Instant;
import java.util.List;

/**
 * One consumer of the event stream: an out-of-process plugin or an in-process built-in reporter. {@link FanOut}
 * calls it from its own sender thread only, one call at a time.
 */
public interface EventTarget {

    /** Thrown by {@link #deliver} or {@link #finish} of a target that never started: reported as failed at start. */
    final class NotStarted extends Exception {
        public NotStarted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** For messages: "plugin html-report 4.3.1", "built-in html". */
    String name();

    /** Delivers one Reporter request. Throwing drops the target (the failure is reported). */
    void deliver(Message event, Instant at) throws Exception;

    /**
     * The stream ended normally: finish (for a plugin: Kill, then wait for it to exit within its grace period).
     * Throwing reports a failure.
     */
    void finish() throws Exception;

    /** Stop at once, after a failure or when it did not finish in time. Must not throw. */
    void abort();

    /**
     * Whether {@link #deliver} would do anything with events of {@code kind}, so that events nobody wants are not even
     * queued. Asked for every event, from the thread that emits it: cheap, and safe to call while {@link #deliver}
     * runs on the sender thread. A target that does not know yet says true.
     */
    default boolean wants(EventKind kind) {
        return true;
    }

    /**
     * Targets returning the same non-null name share one sender thread in {@link FanOut}: for cheap in-process
     * targets, one thread hand-off per event instead of one each. Null, the default, gives the target a thread of
     * its own (a plugin, whose calls may block).
     */
    default String sharedThread() {
        return null;
    }

    /** The last lines the target wrote to stderr, for failure reports. */
    default List<String> stderrTail() {
        return List.of();
    }
}
