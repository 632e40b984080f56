package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.reporter.ProtoEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends every event to every {@link EventTarget}, each on its own sender thread with its own bounded queue, so a
 * slow reporter slows only itself until its queue fills, and a broken one is dropped without touching the run or
 * the others.
 *
 * <ul>
 *   <li>A target whose {@code deliver} throws (a plugin that errors, crashes or misses its per-call deadline) is
 *       reported as a {@link TargetFailure} naming the target, the event and its stderr tail, then aborted and
 *       dropped; its queued events are discarded.</li>
 *   <li>When a target's queue is full the orchestrator waits, up to {@code stallTimeout}; a target that takes
 *       nothing for that long is reported as hung and dropped (this also catches an in-process reporter that
 *       hangs, which has no RPC deadline).</li>
 *   <li>{@link #close()} lets every queue drain, then calls {@link EventTarget#finish()} (for plugins: Kill and
 *       the grace period) on all targets in parallel, waits up to {@code finishTimeout} per target and aborts the
 *       ones still running.</li>
 * </ul>
 * Targets that name the same {@link EventTarget#sharedThread()} share one sender thread and queue (the in-process
 * built-in reports: one thread hand-off per event instead of one each); a failure still drops only the target that
 * failed, though a hang holds up the whole group.
 * {@link #accept} may be called from several threads (the streams of a parallel run); calls are serialised, so
 * every target sees the events in one order in which each stream's events keep theirs.
 */
public final class FanOut implements EventSink {
    private static final Object END = new Object();

    private final List<Sender> senders = new ArrayList<>();
    private final List<TargetFailure> failures = Collections.synchronizedList(new ArrayList<>());
    private final Duration stallTimeout;
    private final Duration finishTimeout;
    private final Consumer<TargetFailure> onFailure;
    private volatile boolean closed;
    /** Events accepted so far (guarded by this): event N of the run is record N of the run's event log. */
    private long accepted;

    /**
     * @param targets       the reporters
     * @param queueCapacity events held per target before the orchestrator waits
     * @param stallTimeout  how long the orchestrator waits for room in one target's queue before dropping it
     * @param finishTimeout how long one target's finish (drain, Kill, exit) may take before it is aborted
     * @param onFailure     told about each failure as it happens (e.g. a console warning); from any thread
     */
    public FanOut(List<? extends EventTarget> targets, int queueCapacity, Duration stallTimeout, Duration finishTimeout,
                  Consumer<TargetFailure> onFailure) {
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
        this.finishTimeout = Objects.requireNonNull(finishTimeout, "finishTimeout");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        Map<String, List<EventTarget>> shared = new LinkedHashMap<>();
        for (EventTarget t : targets) {
            String group = t.sharedThread();
            if (group == null) {
                senders.add(new Sender(t.name(), List.of(t), queueCapacity));
            } else {
                shared.computeIfAbsent(group, g -> new ArrayList<>()).add(t);
            }
        }
        shared.forEach((group, members) -> senders.add(new Sender(group, members, queueCapacity)));
        senders.forEach(s -> s.thread.start());
    }

    /** Reports a failure that happened outside the fan-out (e.g. a plugin that could not start). */
    public void report(TargetFailure f) {
        failures.add(f);
        onFailure.accept(f);
    }

    @Override
    public synchronized void accept(Message event, Instant at) {
        if (closed) {
            throw new IllegalStateException("event after close: " + event.getDescriptorForType().getName());
        }
        Item item = new Item(event, at, ++accepted);
        EventKind kind = EventKind.of(event);
        for (Sender s : senders) {
            if (s.dead() || !s.wants(kind)) {
                continue;
            }
            try {
                if (!s.queue.offer(item, stallTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    s.failAll(item.describe(), "took no event for " + stallTimeout.toMillis()
                            + " ms (its queue of " + s.capacity + " stayed full): it hangs");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Drains, finishes every target (in parallel), and waits. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + stallTimeout.toNanos();
        for (Sender s : senders) {
            if (!s.dead()) {
                try {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!s.queue.offer(END, left, TimeUnit.NANOSECONDS)) {
                        s.failAll("the end of the run", "its queue stayed full: it hangs");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    s.failAll("the end of the run", "interrupted");
                }
            }
        }
        long finishDeadline = System.nanoTime() + finishTimeout.toNanos();
        for (Sender s : senders) {
            try {
                long left = Math.max(1, (finishDeadline - System.nanoTime()) / 1_000_000);
                s.thread.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (s.thread.isAlive()) {
                s.failAll("the end of the run", "did not finish within " + finishTimeout.toMillis() + " ms");
                s.thread.interrupt();
            }
        }
    }

    /** Every failure so far, in order. */
    public List<TargetFailure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /**
     * One event and its position in the stream.
     *
     * @param ordinal 1 for the first event of the run; the event log holds the same events in the same order
     */
    private record Item(Message event, Instant at, long ordinal) {
        /** "StepStarting [stream 0, spec ..., step '...'] (event #17 of the run)". */
        String describe() {
            String what;
            try {
                what = ProtoEvents.describe(ProtoEvents.toEvent(event, Instant.EPOCH));
            } catch (RuntimeException e) {
                what = event.getDescriptorForType().getName();
            }
            // Starting events come twice (before and after hooks) with the same description; the ordinal tells
            // them apart and finds the event in the event log.
            return what + " (event #" + ordinal + " of the run)";
        }
    }

    /** One sender thread and its queue, feeding one target or a group sharing the thread. */
    private final class Sender {
        final int capacity;
        final BlockingQueue<Object> queue;
        final Thread thread;
        /**
         * The targets still served, an immutable list replaced (under this sender's lock) when one fails, so the
         * sender thread reads it per event without copying or locking.
         */
        private volatile List<EventTarget> live;
        private volatile boolean dead;

        Sender(String name, List<EventTarget> targets, int capacity) {
            this.live = List.copyOf(targets);
            this.capacity = capacity;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this::loop, "stepwise-reporter-" + name);
            this.thread.setDaemon(true);
        }

        boolean dead() {
            return dead;
        }

        /** Whether any target still served wants events of this kind; others are not queued (no hand-off). */
        boolean wants(EventKind kind) {
            for (EventTarget t : live) {
                if (t.wants(kind)) {
                    return true;
                }
            }
            return false;
        }

        void loop() {
            while (!dead) {
                Object next;
                try {
                    next = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (next == END) {
                    for (EventTarget t : live) {
                        try {
                            t.finish();
                        } catch (Throwable e) {
                            fail(t, e instanceof EventTarget.NotStarted ? "start" : "Kill", message(e));
                        }
                    }
                    return;
                }
                Item item = (Item) next;
                for (EventTarget t : live) {
                    try {
                        t.deliver(item.event(), item.at());
                    } catch (Throwable e) {
                        fail(t, e instanceof EventTarget.NotStarted ? "start" : item.describe(), message(e));
                        if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                            throw (VirtualMachineError) e;
                        }
                    }
                }
            }
        }

        /** Drops one target; when none is left the sender stops and its queue is discarded. */
        synchronized void fail(EventTarget target, String event, String what) {
            if (!live.contains(target)) {
                return;
            }
            live = live.stream().filter(t -> t != target).toList();
            if (live.isEmpty()) {
                dead = true;
                queue.clear();
            }
            target.abort();
            report(new TargetFailure(target.name(), event, what, target.stderrTail()));
        }

        synchronized void failAll(String event, String what) {
            for (EventTarget t : live) {
                fail(t, event, what);
            }
        }
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }
}
