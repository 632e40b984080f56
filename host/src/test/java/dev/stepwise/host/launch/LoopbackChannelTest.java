package dev.stepwise.host.launch;

import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.RunnerGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel to a child process ends its own event-loop thread with it, whether shut down at once or after its calls
 * drained: a loop left waiting in native code delays the JVM's exit by up to 300 ms.
 */
class LoopbackChannelTest {

    private Server server;

    @BeforeEach
    void startServer() throws Exception {
        // A server with no services: every call is answered UNIMPLEMENTED, which is all a round trip needs.
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build()
                .start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void shutdownNowEndsTheLoop() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        LoopbackChannel channel = LoopbackChannel.to(server.getPort());
        roundTrip(channel);
        Set<Thread> loop = newClientThreads(before);
        assertEquals(1, loop.size(), "one event-loop thread of its own: " + loop);

        channel.shutdownNow();

        assertTrue(channel.awaitTermination(5, TimeUnit.SECONDS), "the channel and its loop terminate");
        assertTrue(channel.isTerminated());
        assertEnded(loop);
    }

    @Test
    void shutdownEndsTheLoopOnceTheChannelTerminated() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        LoopbackChannel channel = LoopbackChannel.to(server.getPort());
        roundTrip(channel);
        Set<Thread> loop = newClientThreads(before);
        assertFalse(loop.isEmpty());

        channel.shutdown();

        assertTrue(channel.awaitTermination(5, TimeUnit.SECONDS), "the channel and its loop terminate");
        assertEnded(loop);
    }

    private static void roundTrip(LoopbackChannel channel) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> RunnerGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS).kill(KillProcessRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), "the call reached the server");
    }

    private static Set<Thread> newClientThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("stepwise-grpc-client"))
                .collect(Collectors.toSet());
    }

    private static void assertEnded(Set<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(5));
            assertFalse(t.isAlive(), t.getName() + " still runs after the channel terminated");
        }
    }
}
