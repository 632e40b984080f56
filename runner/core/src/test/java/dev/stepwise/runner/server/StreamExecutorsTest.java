package dev.stepwise.runner.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamExecutorsTest {

    @Test
    void inlineWorkRunsOnTheCallerWhenTheStreamIsIdle() {
        try (StreamExecutors executors = new StreamExecutors(true)) {
            List<String> threads = new CopyOnWriteArrayList<>();
            executors.inlineIfIdle(1).execute(() -> threads.add(Thread.currentThread().getName()));
            assertEquals(List.of(Thread.currentThread().getName()), threads);
        }
    }

    @Test
    void inlineWorkWaitsBehindEarlierWorkOfTheSameStream() throws Exception {
        try (StreamExecutors executors = new StreamExecutors(true)) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(2);
            executors.forStream(1).execute(() -> {
                await(release);
                order.add("user code");
                done.countDown();
            });
            executors.inlineIfIdle(1).execute(() -> {
                order.add("no user code");
                done.countDown();
            });
            assertTrue(order.isEmpty(), "the inline task must not overtake the busy stream");
            release.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("user code", "no user code"), order);
        }
    }

    @Test
    void anotherStreamsWorkDoesNotBlockInlineWork() {
        try (StreamExecutors executors = new StreamExecutors(true)) {
            CountDownLatch release = new CountDownLatch(1);
            executors.forStream(1).execute(() -> await(release));
            List<String> ran = new CopyOnWriteArrayList<>();
            executors.inlineIfIdle(2).execute(() -> ran.add("stream 2"));
            assertEquals(List.of("stream 2"), ran);
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
