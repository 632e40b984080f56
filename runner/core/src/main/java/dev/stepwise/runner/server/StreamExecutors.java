package dev.stepwise.runner.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where execution RPCs run. Each stream gets one thread, so a stream's requests run in order and
 * different streams run side by side. Without multithreading every stream shares one thread, as a
 * serial run expects.
 *
 * <p>Requests that run no user code (no hooks registered for them) may instead be answered on the
 * transport thread that received them, saving two thread hand-offs, but only while their lane is
 * idle, so they can never overtake earlier work of the same stream.
 */
final class StreamExecutors implements AutoCloseable {

    private final boolean multithreaded;
    private final Map<Integer, Lane> lanes = new ConcurrentHashMap<>();

    StreamExecutors(boolean multithreaded) {
        this.multithreaded = multithreaded;
    }

    /**
     * One stream's thread, with a count of work queued or running on it. A request's work counts; sending its answer
     * does not, so the caller's next request, which may arrive the moment the answer is out, finds the lane idle.
     */
    private static final class Lane implements RpcAdapter.WorkThenAnswer {
        final ExecutorService thread;
        final AtomicInteger pending = new AtomicInteger();

        Lane(int id) {
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "stepwise-stream-" + id);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void execute(Runnable work, Runnable answer) {
            pending.incrementAndGet();
            try {
                thread.execute(() -> {
                    try {
                        work.run();
                    } finally {
                        pending.decrementAndGet();
                    }
                    answer.run();
                });
            } catch (RuntimeException e) {
                pending.decrementAndGet();
                throw e;
            }
        }
    }

    private Lane lane(int stream) {
        int key = multithreaded ? Math.max(stream, 0) : 0;
        return lanes.computeIfAbsent(key, Lane::new);
    }

    /** The stream's own thread: for anything that may run user code. */
    Executor forStream(int stream) {
        return lane(stream);
    }

    /** The calling thread when the stream has nothing queued or running, else the stream's thread. */
    Executor inlineIfIdle(int stream) {
        Lane lane = lane(stream);
        return (RpcAdapter.WorkThenAnswer) (work, answer) -> {
            if (lane.pending.get() == 0) {
                work.run();
                answer.run();
            } else {
                lane.execute(work, answer);
            }
        };
    }

    /** Lets queued and running work finish for up to {@code millis}, then stops. */
    boolean drain(long millis) throws InterruptedException {
        lanes.values().forEach(l -> l.thread.shutdown());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean done = true;
        for (Lane lane : lanes.values()) {
            long left = deadline - System.nanoTime();
            done &= lane.thread.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS);
        }
        return done;
    }

    @Override
    public void close() {
        lanes.values().forEach(l -> l.thread.shutdownNow());
    }
}
