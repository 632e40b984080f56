package dev.stepwise.runner.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where execution RPCs run. Each stream gets one thread, so a stream's requests run in order and
 * different streams run side by side. Without multithreading every stream shares one thread, as a
 * serial run expects.
 */
final class StreamExecutors implements AutoCloseable {

    private final boolean multithreaded;
    private final Map<Integer, ExecutorService> executors = new ConcurrentHashMap<>();

    StreamExecutors(boolean multithreaded) {
        this.multithreaded = multithreaded;
    }

    Executor forStream(int stream) {
        int key = multithreaded ? Math.max(stream, 0) : 0;
        return executors.computeIfAbsent(key, s -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stepwise-stream-" + s);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Lets queued and running work finish for up to {@code millis}, then stops. */
    boolean drain(long millis) throws InterruptedException {
        executors.values().forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean done = true;
        for (ExecutorService e : executors.values()) {
            long left = deadline - System.nanoTime();
            done &= e.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS);
        }
        return done;
    }

    @Override
    public void close() {
        executors.values().forEach(ExecutorService::shutdownNow);
    }
}
