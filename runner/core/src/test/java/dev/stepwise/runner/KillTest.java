package dev.stepwise.runner;

import static dev.stepwise.runner.InProcessRunner.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.proto.KillProcessRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill stops the runner even while a step never returns. */
class KillTest {

    @TempDir
    Path temp;

    @Test
    void killIsAnsweredAndShutdownIsBoundedWhileAStepHangs() throws Exception {
        InProcessRunner runner = new InProcessRunner(temp, false);
        Path neverCreated = temp.resolve("never");
        CompletableFuture.runAsync(() -> {
            try {
                runner.step(1, "Wait for file {}", "w", text(neverCreated.toString()));
            } catch (RuntimeException expected) {
                // the channel goes away under it
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(Path.of(neverCreated + ".entered"))) {
            assertTrue(System.nanoTime() < deadline, "the step never started");
            Thread.sleep(5);
        }

        long start = System.nanoTime();
        runner.stub.kill(KillProcessRequest.getDefaultInstance());
        runner.server.awaitStopRequest();
        runner.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(millis < 3000, "Kill and shutdown took " + millis + " ms while a step hung");
    }
}
