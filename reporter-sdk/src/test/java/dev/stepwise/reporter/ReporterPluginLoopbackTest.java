package dev.stepwise.reporter;

import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ReporterGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 9, security: a reporter plugin's gRPC server binds loopback only, on a free port and on a port pinned with
 * {@code STEPWISE_PLUGIN_PORT}. Nothing but loopback is ever dialled here (the workplace forbids traffic to any other
 * address, this machine's own LAN address included): 127.0.0.2 is loopback too, but a socket bound to 127.0.0.1
 * refuses there, while one bound to a wildcard address would accept.
 */
class ReporterPluginLoopbackTest {

    private final ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private ReporterPlugin.Builder builder(Map<String, String> env) {
        return ReporterPlugin.builder()
                .reporter(new ReporterListener() { })
                .environment(env)
                .handshakeOut(new PrintStream(handshake, true, StandardCharsets.UTF_8))
                .log(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void freePortServerListensOnLoopbackOnly() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        ReporterPlugin plugin = builder(Map.of()).build().start();
        try {
            int port = plugin.port();
            assertEquals(ReporterPlugin.HANDSHAKE_PREFIX + port,
                    handshake.toString(StandardCharsets.UTF_8).strip(), "the handshake names the bound port");
            assertServesOnLoopbackOnly(port);
            Set<Thread> pluginThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.getName().startsWith("stepwise-plugin-"))
                    .collect(Collectors.toSet());
            assertFalse(pluginThreads.isEmpty(), "the server accepts on event loops of its own");
            // It really is the plugin's server on 127.0.0.1: a Kill over loopback ends it with status 0.
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                    InsecureChannelCredentials.create()).build();
            try {
                ReporterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .kill(KillProcessRequest.getDefaultInstance());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertEquals(0, plugin.awaitTermination(Duration.ofSeconds(10)));
            // Its event loops end with it: threads left waiting in native code delay the JVM's exit by up to 300 ms.
            for (Thread t : pluginThreads) {
                t.join(TimeUnit.SECONDS.toMillis(5));
                assertFalse(t.isAlive(), t.getName() + " still runs after Kill was handled");
            }
        } finally {
            plugin.close();
        }
    }

    @Test
    void portPinnedByEnvironmentIsStillLoopbackOnly() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        ReporterPlugin plugin = builder(Map.of(ReporterPlugin.PORT_ENV, Integer.toString(free))).build().start();
        try {
            assertEquals(free, plugin.port(), "STEPWISE_PLUGIN_PORT pins the port");
            assertServesOnLoopbackOnly(free);
        } finally {
            plugin.close();
        }
    }

    private static void assertServesOnLoopbackOnly(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.2", port), 2000);
            fail("the plugin accepted a connection on 127.0.0.2:" + port + ", so it is not bound to 127.0.0.1 only");
        } catch (ConnectException expected) {
            // refused: bound to 127.0.0.1, not to a wildcard address
        } catch (SocketTimeoutException | NoRouteToHostException e) {
            Assumptions.abort("127.0.0.2 is not routable on this machine (" + e + "); the wildcard check is skipped");
        }
        // The kernel's own view (Linux): every listening socket on the port is a loopback one.
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")),
                "no /proc/net/tcp on this OS: the socket table check is skipped");
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                // f[1] = local address:port (hex), f[3] = state; 0A = LISTEN
                if (f.length > 3 && f[1].endsWith(portHex) && f[3].equals("0A")) {
                    listening.add(f[1]);
                }
            }
        }
        assertFalse(listening.isEmpty(), "no listening socket on port " + port + " in /proc/net/tcp{,6}");
        for (String local : listening) {
            String address = local.substring(0, local.indexOf(':'));
            boolean loopback4 = address.equals("0100007F");
            boolean loopback6 = address.equals("00000000000000000000000001000000")
                    || address.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
            assertTrue(loopback4 || loopback6,
                    "listening on a non-loopback address: " + local + " (all: " + listening + ")");
        }
    }
}
