package dev.stepwise.host.plugins;

import dev.stepwise.host.events.FanOut;
import dev.stepwise.host.events.TargetFailure;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ReporterGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plugins as real processes (a shell script) that die or hang: reported with their stderr, and dropped. */
class PluginFailureIT {
    @TempDir
    Path home;

    private PluginLauncher.Started start(String id, String script) throws IOException {
        return new ScriptPlugins(home).start(id, script);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPluginWhoseProcessDiesIsNamedWithItsExitStatusAndStderr() throws Exception {
        int port = freePort(); // nothing listens there: the first call fails, and the process has exited
        PluginLauncher.Started p = start("dies", "echo Listening on port:" + port
                + "; echo 'NullPointerException in my reporter' >&2; exit 3");
        PluginTarget target = new PluginTarget(p, Duration.ofSeconds(5), Duration.ofSeconds(1));
        FanOut fanOut = new FanOut(List.of(target), 4, Duration.ofSeconds(5), Duration.ofSeconds(10), f -> { });
        Thread.sleep(300);
        fanOut.accept(ExecutionStartingRequest.getDefaultInstance(), Instant.now());
        fanOut.close();
        TargetFailure f = fanOut.failures().get(0);
        assertEquals("plugin dies 1.0.0", f.target());
        assertTrue(f.event().startsWith("SuiteStarting"), f.event());
        assertTrue(f.what().contains("exited with status 3"), f.what());
        assertTrue(f.stderrTail().contains("NullPointerException in my reporter"), f.stderrTail().toString());
    }

    @Test
    void aPluginThatHangsMissesItsDeadlineAndIsKilled() throws Exception {
        // The test serves the plugin's port with a Reporter that never answers; the process just sleeps.
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new ReporterGrpc.ReporterImplBase() {
                    @Override
                    public void notifyExecutionStarting(ExecutionStartingRequest r, StreamObserver<Empty> o) {
                        // never answers
                    }
                }).build().start();
        try {
            PluginLauncher.Started p = start("hangs", "echo Listening on port:" + server.getPort() + "; sleep 60");
            PluginTarget target = new PluginTarget(p, Duration.ofMillis(500), Duration.ofSeconds(1));
            FanOut fanOut = new FanOut(List.of(target), 4, Duration.ofSeconds(5), Duration.ofSeconds(10), f -> { });
            fanOut.accept(ExecutionStartingRequest.getDefaultInstance(), Instant.now());
            fanOut.close();
            TargetFailure f = fanOut.failures().get(0);
            assertTrue(f.what().contains("no answer within 500 ms"), f.what());
            assertFalse(p.process().isAlive(), "the hung plugin was killed");
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aPluginThatAnswersKillWithAnErrorFailsEvenThoughItExitsWithZero() throws Exception {
        // The events are answered; Kill is refused. The process itself exits with 0, so only the answer tells.
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(new ReporterGrpc.ReporterImplBase() {
                    @Override
                    public void notifyExecutionStarting(ExecutionStartingRequest r, StreamObserver<Empty> o) {
                        o.onNext(Empty.getDefaultInstance());
                        o.onCompleted();
                    }

                    @Override
                    public void kill(KillProcessRequest r, StreamObserver<Empty> o) {
                        o.onError(Status.INTERNAL.withDescription("could not flush my report").asRuntimeException());
                    }
                }).build().start();
        try {
            PluginLauncher.Started p = start("refuses-kill", "echo Listening on port:" + server.getPort() + "; exit 0");
            PluginTarget target = new PluginTarget(p, Duration.ofSeconds(5), Duration.ofSeconds(2));
            FanOut fanOut = new FanOut(List.of(target), 4, Duration.ofSeconds(5), Duration.ofSeconds(10), f -> { });
            fanOut.accept(ExecutionStartingRequest.getDefaultInstance(), Instant.now());
            fanOut.close();
            assertEquals(1, fanOut.failures().size(), fanOut.failures().toString());
            TargetFailure f = fanOut.failures().get(0);
            assertEquals("Kill", f.event());
            assertTrue(f.what().startsWith("answered Kill with INTERNAL: could not flush my report (then exited with"
                    + " status 0)"), f.what());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void scopeCapabilityAndVersionAreChecked() throws IOException {
        Path dir = home.resolve("plugins").resolve("old").resolve("2.0.0");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plugin.json"), """
                {"id": "old", "version": "2.0.0", "command": {"linux": ["x"], "darwin": ["x"]},
                 "scope": ["Execution"], "capabilities": [], "gaugeVersionSupport": {"minimum": "0.9.0"}}
                """);
        Files.createDirectories(home.resolve("plugins/old/1.0.0"));
        PluginLauncher launcher = new PluginLauncher(Map.of("GAUGE_HOME", home.toString()), (l, m, e) -> { },
                PluginSettings.defaults());
        var e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> launcher.locate("old", "execution"));
        assertTrue(e.getMessage().contains("grpc_support") && e.getMessage().contains("old 2.0.0"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> launcher.locate("missing", "execution"));
        assertTrue(e.getMessage().contains("is not installed"), e.getMessage());
    }
}
