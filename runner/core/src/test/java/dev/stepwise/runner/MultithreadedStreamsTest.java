package dev.stepwise.runner;

import static dev.stepwise.runner.InProcessRunner.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.proto.ProtoExecutionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With enable_multithreading, streams run side by side; without it, one at a time. */
class MultithreadedStreamsTest {

    @TempDir
    Path temp;

    @Test
    void aBlockedStreamDoesNotHoldUpAnother() throws Exception {
        try (InProcessRunner runner = new InProcessRunner(temp, true)) {
            Path release = temp.resolve("release");
            CompletableFuture<ProtoExecutionResult> blocked = CompletableFuture.supplyAsync(() ->
                    runner.step(1, "Wait for file {}", "w", text(release.toString())));
            waitFor(Path.of(release + ".entered"));

            ProtoExecutionResult other = runner.step(2, "Report the stream", "r");
            assertEquals(List.of("stream 2"), other.getMessageList());
            assertFalse(blocked.isDone(), "stream 1 should still be waiting");

            Files.createFile(release);
            ProtoExecutionResult first = blocked.get(10, TimeUnit.SECONDS);
            assertFalse(first.getFailed(), first.getErrorMessage());
        }
    }

    @Test
    void withoutMultithreadingStreamsShareOneThread() throws Exception {
        try (InProcessRunner runner = new InProcessRunner(temp, false)) {
            Path release = temp.resolve("release");
            CompletableFuture<ProtoExecutionResult> blocked = CompletableFuture.supplyAsync(() ->
                    runner.step(1, "Wait for file {}", "w", text(release.toString())));
            waitFor(Path.of(release + ".entered"));

            CompletableFuture<ProtoExecutionResult> queued = CompletableFuture.supplyAsync(() ->
                    runner.step(2, "Report the stream", "r"));
            Thread.sleep(200);
            assertFalse(queued.isDone(), "stream 2 ran while stream 1 held the only thread");

            Files.createFile(release);
            assertFalse(blocked.get(10, TimeUnit.SECONDS).getFailed());
            assertEquals(List.of("stream 2"), queued.get(10, TimeUnit.SECONDS).getMessageList());
        }
    }

    private static void waitFor(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            assertTrue(System.nanoTime() < deadline, "step never started: " + file);
            Thread.sleep(5);
        }
    }
}
