package dev.stepwise.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.server.RunnerServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loopback runner server ends its own event-loop threads when it shuts down. gRPC's shared loops would outlive it
 * by a second, waiting in native code, and the JVM's exit waits up to 300 ms for such threads: a runner would exit
 * that much later after Kill.
 */
class LoopbackShutdownTest {

    @TempDir
    Path temp;

    @Test
    void shutdownEndsTheServersEventLoopThreads() throws Exception {
        try (InProcessRunner runner = new InProcessRunner(temp, false)) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            RunnerServer loopback = RunnerServer.onLoopback(0, runner.engine,
                    new JsonLog(System.err, JsonLog.Level.ERROR), new RunnerServer.Options(temp, false, false)).start();
            assertServesThenEndsItsThreads(loopback, before);
        }
    }

    /** As the runner's main starts it: bound first (while the registry loads), the service added after. */
    @Test
    void aServerBoundBeforeItsEngineServesOnceGivenItAndEndsItsThreads() throws Exception {
        try (InProcessRunner runner = new InProcessRunner(temp, false)) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            RunnerServer.Bound bound = RunnerServer.bindLoopback();
            RunnerServer loopback = bound.serve(runner.engine, new JsonLog(System.err, JsonLog.Level.ERROR),
                    new RunnerServer.Options(temp, false, false)).start();
            assertServesThenEndsItsThreads(loopback, before);
        }
    }

    @Test
    void aBindingClosedWithoutAnEngineEndsItsThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        RunnerServer.Bound bound = RunnerServer.bindLoopback();
        Set<Thread> accept = newServerThreads(before);
        assertFalse(accept.isEmpty(), "bound: it accepts on a loop of its own");
        bound.close();
        for (Thread t : accept) {
            t.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(t.isAlive(), t.getName() + " still runs after the binding was closed");
        }
    }

    private static Set<Thread> newServerThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("stepwise-grpc-"))
                .collect(Collectors.toSet());
    }

    private static void assertServesThenEndsItsThreads(RunnerServer loopback, Set<Thread> before) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", loopback.port()).usePlaintext().build();
        try {
            assertFalse(RunnerGrpc.newBlockingStub(channel).getStepNames(StepNamesRequest.getDefaultInstance())
                    .getStepsList().isEmpty(), "the runner's service answers");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        Set<Thread> serverThreads = newServerThreads(before);
        assertFalse(serverThreads.isEmpty(), "the server accepts and serves on event loops of its own");

        loopback.shutdown();

        for (Thread t : serverThreads) {
            t.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(t.isAlive(), t.getName() + " still runs after the server shut down");
        }
    }
}
