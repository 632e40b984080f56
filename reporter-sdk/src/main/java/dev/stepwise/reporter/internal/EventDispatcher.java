package dev.stepwise.reporter.internal;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs listener calls on one dedicated thread, in submission order, so a listener is never called
 * concurrently. The queue is bounded: when it is full, {@link #submit} blocks the caller (the gRPC
 * thread), which holds back the orchestrator instead of dropping events or growing without limit.
 *
 * <p>A failing task is logged (what failed, on which event) and counted; the next task runs as usual.
 */
public final class EventDispatcher {
    /** A listener call that may throw anything. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private record Item(Supplier<String> description, Task task, CompletableFuture<Void> done, boolean last) {
    }

    private final BlockingQueue<Item> queue;
    private final PluginLog log;
    private final Thread thread;
    private final AtomicInteger failures = new AtomicInteger();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Object submitLock = new Object();
    private boolean accepting = true;

    public EventDispatcher(int capacity, PluginLog log, String threadName) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.log = Objects.requireNonNull(log, "log");
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(false); // keeps the JVM alive until the last event is written
    }

    public EventDispatcher start() {
        thread.start();
        return this;
    }

    /**
     * Queues a call. The returned future completes when the call ran; exceptionally if it threw.
     *
     * @throws RejectedExecutionException after {@link #finish}
     * @throws InterruptedException       if interrupted while waiting for room in the queue
     */
    public CompletableFuture<Void> submit(Supplier<String> description, Task task) throws InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (submitLock) {
            if (!accepting) {
                throw new RejectedExecutionException("the plugin is shutting down (Kill was received)");
            }
            queue.put(new Item(description, task, done, false));
        }
        return done;
    }

    /**
     * Stops accepting calls; runs everything already queued, then {@code finalTask}, then ends the thread.
     * Later calls are ignored. Returns a future that completes when the thread has ended.
     */
    public CompletableFuture<Void> finish(Task finalTask) {
        synchronized (submitLock) {
            if (accepting) {
                accepting = false;
                boolean queued = false;
                while (!queued) {
                    try {
                        queue.put(new Item(() -> "shutdown", finalTask, new CompletableFuture<>(), true));
                        queued = true;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        return terminated;
    }

    /** How many calls are waiting in the queue (not counting the one running). */
    public int queued() {
        return queue.size();
    }

    /** How many calls threw. */
    public int failures() {
        return failures.get();
    }

    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    private void loop() {
        try {
            while (true) {
                Item item = queue.take();
                try {
                    item.task().run();
                    item.done().complete(null);
                } catch (Throwable t) {
                    failures.incrementAndGet();
                    log.error(item.description().get(), t);
                    item.done().completeExceptionally(t);
                    if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError)) {
                        throw (VirtualMachineError) t;
                    }
                }
                if (item.last()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            log.error("event thread interrupted; undelivered events are lost", e);
            Thread.currentThread().interrupt();
        } finally {
            terminated.complete(null);
        }
    }
}
