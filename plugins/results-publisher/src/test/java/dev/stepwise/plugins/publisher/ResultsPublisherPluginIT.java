package dev.stepwise.plugins.publisher;

import dev.stepwise.plugins.testkit.CheckoutRun;
import dev.stepwise.plugins.testkit.PluginProcess;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged plugin as a real process, publishing to a WebSocket server (Java-WebSocket) on loopback. */
class ResultsPublisherPluginIT {
    private static final String TOKEN = "s3cr3t-t0ken-4e590fc7";

    /** Records every message; replies {} or, for records whose text contains {@code failWhen}, an error. */
    static class ResultsServer extends WebSocketServer {
        final List<Object> messages = new CopyOnWriteArrayList<>();
        final List<String> resources = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final String failWhen;

        ResultsServer(String failWhen) {
            super(new InetSocketAddress("127.0.0.1", 0));
            this.failWhen = failWhen;
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            resources.add(handshake.getResourceDescriptor());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            messages.add(message);
            conn.send(failWhen != null && message.contains(failWhen)
                    ? "{\"error\":\"rejected record for line 17\"}" : "{}");
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            messages.add(b);
            conn.send("{}");
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        String url() throws InterruptedException {
            assertTrue(started.await(10, TimeUnit.SECONDS), "server did not bind");
            return "ws://127.0.0.1:" + getPort() + "/ws";
        }
    }

    private static Path project(String name) throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("stepwise.itWorkDir")));
        return Files.createTempDirectory(work, name);
    }

    /** The project as its own git repository (remote, branch, one commit), as a results publisher sees it. */
    private static String gitInit(Path project) throws Exception {
        git(project, "init", "-q", "-b", "main");
        git(project, "remote", "add", "origin", "https://example.test/shop.git");
        git(project, "add", ".");
        git(project, "-c", "user.name=t", "-c", "user.email=t@example.test", "commit", "-q", "-m", "specs");
        Process p = new ProcessBuilder("git", "-C", project.toString(), "rev-parse", "HEAD").start();
        String rev = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return rev;
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    private static PluginProcess start(Path project, String url) throws Exception {
        return PluginProcess.start(Path.of(System.getProperty("stepwise.pluginDir")), project,
                Map.of("cucumber_results_url", url, "CUCUMBER_RESULTS_TOKEN", TOKEN,
                        "cucumber_results_timeout_ms", "10000"));
    }

    @Test
    void publishesHeaderRecordsAndScreenshots() throws Exception {
        Path project = project("publish");
        CheckoutRun run = CheckoutRun.writeProject(project);
        String rev = gitInit(project);
        ResultsServer server = new ResultsServer(null);
        server.start();
        try {
            String url = server.url();
            String out;
            try (PluginProcess plugin = start(project, url)) {
                run.send(plugin.stub());
                assertEquals(0, plugin.awaitExit(), "exit status; stderr:\n" + plugin.stderr());
                out = plugin.stdout() + plugin.stderr();
            }
            assertFalse(out.contains(TOKEN), "the token leaked into the plugin's output:\n" + out);
            assertEquals(List.of("/ws?token=" + TOKEN), server.resources);
            List<Object> m = server.messages;
            // header, then: Pay by card + its screenshot (record + binary), Declined card (final attempt) + its
            // failure screenshot, Shipping costs x2.
            assertEquals(9, m.size(), m.toString());
            String header = (String) m.get(0);
            assertTrue(header.startsWith("{\"repo_url\":\"https://example.test/shop.git\",\"rev\":\"" + rev
                    + "\",\"branch\":\"main\",\"group\":\""), header);
            for (String key : List.of("\"repo_url\"", "\"rev\"", "\"branch\"", "\"group\":\"", "\"info\":{\"os\"",
                    "\"os_user\"", "\"client_version\"", "\"tool_version\"", "\"platform_version\"")) {
                assertTrue(header.contains(key), key + " in " + header);
            }
            assertEquals("{\"path\":\"specs/checkout.spec\",\"location\":9,\"mime_type\":"
                    + "\"application/vnd.cucumber.test-case-result+json\",\"body\":{\"status\":\"passed\"}}", m.get(1));
            assertEquals("{\"path\":\"specs/checkout.spec\",\"location\":9,\"mime_type\":\"image/png\"}", m.get(2));
            assertArrayEquals(CheckoutRun.PNG, (byte[]) m.get(3));
            assertTrue(((String) m.get(4)).contains("\"location\":17") && ((String) m.get(4))
                    .contains("\"body\":{\"status\":\"failed\"}"), m.get(4).toString());
            assertFalse(((String) m.get(5)).contains("body"), m.get(5).toString());
            assertTrue(m.get(6) instanceof byte[]);
            assertTrue(((String) m.get(7)).contains("\"location\":23") && ((String) m.get(8)).contains("passed"));
        } finally {
            server.stop(2000);
        }
    }

    @Test
    void anErrorReplyFailsThePluginWithItsMessage() throws Exception {
        Path project = project("publish-error");
        CheckoutRun run = CheckoutRun.writeProject(project);
        ResultsServer server = new ResultsServer("\"status\":\"failed\"");
        server.start();
        try {
            try (PluginProcess plugin = start(project, server.url())) {
                run.send(plugin.stub());
                assertEquals(1, plugin.awaitExit(), "an error reply fails the plugin");
                String err = plugin.stderr();
                assertTrue(err.contains("rejected record for line 17"), err);
                assertFalse((plugin.stdout() + err).contains(TOKEN), "token leaked:\n" + err);
            }
        } finally {
            server.stop(2000);
        }
    }

    @Test
    void aServerThatNeverRepliesIsReportedAfterABoundedWait() throws Exception {
        Path project = project("publish-silent");
        CheckoutRun run = CheckoutRun.writeProject(project);
        ResultsServer server = new ResultsServer(null) {
            @Override
            public void onMessage(WebSocket conn, String message) {
                messages.add(message); // no reply
            }
        };
        server.start();
        try {
            try (PluginProcess plugin = start(project, server.url())) {
                run.send(plugin.stub());
                assertEquals(1, plugin.awaitExit());
                assertTrue(plugin.stderr().contains("replies for 9 messages"), plugin.stderr());
            }
        } finally {
            server.stop(2000);
        }
        assertTrue(Arrays.asList(server.messages.toArray()).size() >= 5);
    }

    @Test
    void thePluginFolderShipsTheRunnersAppCdsScriptUnchanged() throws Exception {
        // bin/appcds.sh, which the launcher sources, is unpacked from the SDK's jar, which takes it from runner/dist.
        Path source = Path.of(System.getProperty("stepwise.appcdsSource")).normalize();
        Path shipped = Path.of(System.getProperty("stepwise.pluginDir")).resolve("bin/appcds.sh");
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(shipped), shipped + " differs from " + source);
    }
}
