package dev.stepwise.host.plugins;

import com.google.protobuf.Message;
import dev.stepwise.host.events.FanOut;
import dev.stepwise.host.events.TargetFailure;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How events reach a real plugin process: Gauge's one call per event for a plugin that only serves
 * {@code Reporter}, one flow-controlled stream of the subscribed kinds for one built on the Stepwise SDK.
 * The plugin process is a shell script that prints the port of a server this test runs, so the test sees every
 * call the host makes.
 */
class PluginDeliveryIT {
    @TempDir
    Path home;

    /** One small run: a spec with one scenario of one step. */
    private static List<Message> run() {
        return List.of(
                ExecutionStartingRequest.getDefaultInstance(),
                SpecExecutionStartingRequest.getDefaultInstance(),
                ScenarioExecutionStartingRequest.getDefaultInstance(),
                StepExecutionStartingRequest.getDefaultInstance(),
                StepExecutionEndingRequest.getDefaultInstance(),
                ScenarioExecutionEndingRequest.getDefaultInstance(),
                SpecExecutionEndingRequest.getDefaultInstance(),
                ExecutionEndingRequest.getDefaultInstance(),
                SuiteExecutionResult.getDefaultInstance());
    }

    /** Records the full name of every method called on the server it intercepts. */
    private static final class CallRecorder implements ServerInterceptor {
        final List<String> methods = Collections.synchronizedList(new ArrayList<>());

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            methods.add(call.getMethodDescriptor().getFullMethodName());
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            };
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FanOut deliver(PluginTarget target, List<Message> events) {
        FanOut fanOut = new FanOut(List.of(target), 16, Duration.ofSeconds(10), Duration.ofSeconds(20), f -> { });
        for (Message m : events) {
            fanOut.accept(m, Instant.now());
        }
        fanOut.close();
        return fanOut;
    }

    @Test
    void aPluginServingOnlyGaugesReporterGetsOneCallPerEventInOrderThenKill() throws Exception {
        Path killed = home.resolve("killed");
        CallRecorder calls = new CallRecorder();
        ReporterGrpc.ReporterImplBase gaugeOnly = new ReporterGrpc.ReporterImplBase() {
            private void ok(StreamObserver<Empty> o) {
                o.onNext(Empty.getDefaultInstance());
                o.onCompleted();
            }

            @Override public void notifyExecutionStarting(ExecutionStartingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifySpecExecutionStarting(SpecExecutionStartingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifyScenarioExecutionStarting(ScenarioExecutionStartingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifyStepExecutionStarting(StepExecutionStartingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifyStepExecutionEnding(StepExecutionEndingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifyScenarioExecutionEnding(ScenarioExecutionEndingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifySpecExecutionEnding(SpecExecutionEndingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifyExecutionEnding(ExecutionEndingRequest r, StreamObserver<Empty> o) { ok(o); }
            @Override public void notifySuiteResult(SuiteExecutionResult r, StreamObserver<Empty> o) { ok(o); }

            @Override
            public void kill(KillProcessRequest r, StreamObserver<Empty> o) {
                ok(o);
                touch(killed);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(gaugeOnly).intercept(calls).build().start();
        try {
            PluginLauncher.Started p = new ScriptPlugins(home).start("gauge-style",
                    ScriptPlugins.handshakeThenWaitFor(server.getPort(), killed));
            FanOut fanOut = deliver(new PluginTarget(p, Duration.ofSeconds(5), Duration.ofSeconds(5)), run());

            assertEquals(List.of(), fanOut.failures());
            // EventStream/Events was tried first; the server answered UNIMPLEMENTED before any interceptor.
            assertEquals(List.of(
                    "gauge.messages.Reporter/NotifyExecutionStarting",
                    "gauge.messages.Reporter/NotifySpecExecutionStarting",
                    "gauge.messages.Reporter/NotifyScenarioExecutionStarting",
                    "gauge.messages.Reporter/NotifyStepExecutionStarting",
                    "gauge.messages.Reporter/NotifyStepExecutionEnding",
                    "gauge.messages.Reporter/NotifyScenarioExecutionEnding",
                    "gauge.messages.Reporter/NotifySpecExecutionEnding",
                    "gauge.messages.Reporter/NotifyExecutionEnding",
                    "gauge.messages.Reporter/NotifySuiteResult",
                    "gauge.messages.Reporter/Kill"), calls.methods);
            assertFalse(p.process().isAlive());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void anSdkPluginGetsOnlyTheKindsItListensToOnOneStream() throws Exception {
        Path killed = home.resolve("killed");
        CallRecorder calls = new CallRecorder();
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        ReporterListener listener = new ReporterListener() {
            @Override
            public void onScenarioFinished(ScenarioFinished event) {
                heard.add("scenario finished");
            }

            @Override
            public void onSuiteResult(SuiteResultReady event) {
                heard.add("suite result");
            }

            @Override
            public void onKill() {
                touch(killed);
            }
        };
        ReporterPlugin plugin = ReporterPlugin.builder().reporter(listener)
                .serverBuilder(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .intercept(calls))
                .log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .build().start();
        try {
            PluginLauncher.Started p = new ScriptPlugins(home).start("sdk-style",
                    ScriptPlugins.handshakeThenWaitFor(plugin.port(), killed));
            FanOut fanOut = deliver(new PluginTarget(p, Duration.ofSeconds(5), Duration.ofSeconds(5)), run());

            assertEquals(List.of(), fanOut.failures());
            assertEquals(List.of("stepwise.reporting.EventStream/Events", "gauge.messages.Reporter/Kill"),
                    calls.methods, "no unary notification");
            assertEquals(0, plugin.awaitTermination(Duration.ofSeconds(10)));
            assertEquals(List.of("scenario finished", "suite result"), heard);
        } finally {
            plugin.close();
        }
    }

    @Test
    void anSdkPluginWhoseListenerHangsIsDroppedByTheCallTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ReporterListener stuck = new ReporterListener() {
            @Override
            public void onScenarioFinished(ScenarioFinished event) throws InterruptedException {
                never.await();
            }
        };
        ReporterPlugin plugin = ReporterPlugin.builder().reporter(stuck).queueCapacity(4)
                .serverBuilder(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
                .log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .build().start();
        try {
            PluginLauncher.Started p = new ScriptPlugins(home).start("sdk-stuck", "echo Listening on port:"
                    + plugin.port() + "; sleep 60");
            List<Message> endings = Collections.nCopies(200, ScenarioExecutionEndingRequest.getDefaultInstance());
            FanOut fanOut = deliver(new PluginTarget(p, Duration.ofMillis(500), Duration.ofSeconds(1)), endings);

            TargetFailure f = fanOut.failures().get(0);
            assertEquals("plugin sdk-stuck 1.0.0", f.target());
            assertTrue(f.what().contains("no answer within 500 ms") && f.what().contains("it hangs"), f.what());
            assertTrue(f.event().startsWith("ScenarioFinished"), f.event());
            assertFalse(p.process().isAlive(), "the hung plugin's process was killed");
        } finally {
            never.countDown();
            plugin.close();
        }
    }
}
