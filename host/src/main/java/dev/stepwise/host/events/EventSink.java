package dev.stepwise.host.events;

import com.google.protobuf.Message;

import java.time.Instant;

/**
 * Receives Gauge's Reporter requests ({@code ExecutionStartingRequest} ... {@code SuiteExecutionResult}) in the order
 * they happen. Called from one thread at a time (the orchestrator's, or a replay's); parallel runs wrap their sink
 * with {@link #serialized(EventSink)}.
 */
public interface EventSink extends AutoCloseable {

    /**
     * @param event one Reporter request
     * @param at    when it happened (replays pass the recorded time)
     */
    void accept(Message event, Instant at);

    /** No more events. */
    @Override
    default void close() {
    }

    /**
     * A sink that takes events from several threads (the streams of a parallel run) one at a time: each stream's
     * events keep their order, events of different streams interleave in arrival order.
     */
    static EventSink serialized(EventSink sink) {
        return new EventSink() {
            @Override
            public synchronized void accept(Message event, Instant at) {
                sink.accept(event, at);
            }

            @Override
            public synchronized void close() {
                sink.close();
            }
        };
    }

    /** Both sinks, in order. */
    static EventSink both(EventSink first, EventSink second) {
        return new EventSink() {
            @Override
            public void accept(Message event, Instant at) {
                first.accept(event, at);
                second.accept(event, at);
            }

            @Override
            public void close() {
                try {
                    first.close();
                } finally {
                    second.close();
                }
            }
        };
    }
}
