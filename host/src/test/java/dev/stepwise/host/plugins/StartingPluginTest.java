package dev.stepwise.host.plugins;

import dev.stepwise.host.events.FanOut;
import dev.stepwise.host.events.TargetFailure;
import dev.stepwise.proto.ExecutionStartingRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plugin still starting when the run begins: a start that fails is reported against "start", once. */
class StartingPluginTest {

    @Test
    void aStartThatFailsAfterTheRunBeganIsReportedAsAFailedStart() {
        CompletableFuture<PluginTarget> start = new CompletableFuture<>();
        FanOut fanOut = new FanOut(List.of(new StartingPlugin("late 1.0.0", start)), 4, Duration.ofSeconds(5),
                Duration.ofSeconds(5), f -> { });
        fanOut.accept(ExecutionStartingRequest.getDefaultInstance(), Instant.now());
        start.completeExceptionally(new PluginException("late 1.0.0 printed no port line within 10000 ms"));
        fanOut.accept(ExecutionStartingRequest.getDefaultInstance(), Instant.now());
        fanOut.close();

        List<TargetFailure> failures = fanOut.failures();
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("plugin late 1.0.0", failures.get(0).target());
        assertEquals("start", failures.get(0).event());
        assertTrue(failures.get(0).what().contains("printed no port line"), failures.get(0).what());
    }
}
