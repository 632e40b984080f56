package dev.stepwise.plugins.events;

import dev.stepwise.plugins.testkit.CheckoutRun;
import dev.stepwise.plugins.testkit.PluginProcess;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged plugin as a real process, with a file and a TCP consumer that hangs up halfway. */
class CucumberEventsPluginIT {
    @Test
    void aConsumerThatGoesAwayDoesNotStopTheRun() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("stepwise.itWorkDir")));
        Path project = Files.createTempDirectory(work, "events");
        CheckoutRun run = CheckoutRun.writeProject(project);
        try (ServerSocket consumer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
                List<String> lines = new ArrayList<>();
                try (Socket s = consumer.accept(); BufferedReader r = new BufferedReader(
                        new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while (lines.size() < 5 && (line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return lines; // hangs up after five events
            });
            try (PluginProcess plugin = PluginProcess.start(Path.of(System.getProperty("stepwise.pluginDir")), project,
                    Map.of("cucumber_events_file", "reports/cucumber/events.ndjson",
                            "cucumber_events_tcp", "127.0.0.1:" + consumer.getLocalPort()))) {
                var stub = plugin.stub();
                run.sendUntil(stub, 2);
                List<String> first = received.get(30, TimeUnit.SECONDS);
                assertEquals(5, first.size());
                assertTrue(first.get(0).startsWith("{\"type\":\"start\",\"timestamp\":"), first.get(0));
                assertTrue(first.get(1).contains("\"type\":\"source\"") && first.get(1).contains("# Checkout"),
                        first.get(1));
                Thread.sleep(200); // let the close reach the plugin's socket
                run.sendRest(stub);
                assertEquals(0, plugin.awaitExit(), "exit status; stderr:\n" + plugin.stderr());
                String err = plugin.stderr();
                assertEquals(1, err.split("went away", -1).length - 1, "reported once:\n" + err);
            }
        }
        List<String> events = Files.readAllLines(project.resolve("reports/cucumber/events.ndjson"));
        assertTrue(events.get(0).contains("\"type\":\"start\""));
        assertTrue(events.get(events.size() - 1).contains("\"type\":\"finish\""), events.get(events.size() - 1));
        String series = events.get(0).replaceAll(".*\"series\":\"([^\"]+)\".*", "$1");
        for (String e : events) {
            assertTrue(e.matches("\\{\"type\":\"[a-z-]+\",\"timestamp\":\\d+,\"series\":\"" + series + "\".*"), e);
        }
        long finished = events.stream().filter(e -> e.contains("\"type\":\"test-case-finished\"")).count();
        assertEquals(CheckoutRun.ATTEMPTS, finished);
        assertTrue(events.stream().anyMatch(e -> e.contains("\"type\":\"attachment\"")
                && e.contains("\"contentType\":\"image/png\"") && e.contains("\"dataEncoding\":\"base64\"")));
        assertTrue(events.stream().anyMatch(e -> e.contains("\"status\":\"failed\"")));
    }

    @Test
    void thePluginFolderShipsTheRunnersAppCdsScriptUnchanged() throws Exception {
        // bin/appcds.sh, which the launcher sources, is unpacked from the SDK's jar, which takes it from runner/dist.
        Path source = Path.of(System.getProperty("stepwise.appcdsSource")).normalize();
        Path shipped = Path.of(System.getProperty("stepwise.pluginDir")).resolve("bin/appcds.sh");
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(shipped), shipped + " differs from " + source);
    }
}
