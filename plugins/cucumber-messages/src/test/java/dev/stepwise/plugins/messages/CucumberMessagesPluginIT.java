package dev.stepwise.plugins.messages;

import dev.stepwise.plugins.testkit.CheckoutRun;
import dev.stepwise.plugins.testkit.Node;
import dev.stepwise.plugins.testkit.PluginProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged plugin as a real process, fed a Gauge run over loopback gRPC; its output is then checked by
 * Cucumber's own npm tools: the JSON Schema, the HTML formatter rendered in headless Chromium, and the JUnit
 * XML formatter.
 */
class CucumberMessagesPluginIT {
    private static final Path PLUGIN = Path.of(System.getProperty("stepwise.pluginDir"));

    private static Path project(String name) throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("stepwise.itWorkDir")));
        return Files.createTempDirectory(work, name);
    }

    @Test
    void aWholeRunIsAcceptedByCucumbersOwnConsumers() throws Exception {
        Path project = project("messages");
        CheckoutRun run = CheckoutRun.writeProject(project);
        try (PluginProcess plugin = PluginProcess.start(PLUGIN, project, Map.of())) {
            run.send(plugin.stub());
            assertEquals(0, plugin.awaitExit(), "exit status; stderr:\n" + plugin.stderr());
        }
        Path dir = project.resolve("reports/cucumber");
        Path ndjson = dir.resolve("messages.ndjson");

        Node.Result schema = Node.run("validate.mjs", ndjson.toString());
        assertEquals(0, schema.exitCode(), "schema/reference errors:\n" + schema.stderr());
        String counts = schema.stdout();
        assertCount(counts, "meta", 1);
        assertCount(counts, "source", 1);
        assertCount(counts, "gherkinDocument", 1);
        assertCount(counts, "pickle", CheckoutRun.TEST_CASES);
        assertCount(counts, "testCase", CheckoutRun.TEST_CASES);
        assertCount(counts, "testCaseStarted", CheckoutRun.ATTEMPTS);
        assertCount(counts, "testCaseFinished", CheckoutRun.ATTEMPTS);
        assertCount(counts, "testRunStarted", 1);
        assertCount(counts, "testRunFinished", 1);
        assertTrue(counts.contains("\"stepDefinition\":") && counts.contains("\"attachment\":"), counts);

        String stream = Files.readString(ndjson);
        assertTrue(stream.contains("\"uri\":\"specs/checkout.spec\""), "uri is the spec path");
        assertTrue(stream.contains("\"willBeRetried\":true"), "the failed first attempt is retried");
        assertTrue(stream.contains("\"attempt\":1"), "the retry is attempt 1");
        assertTrue(stream.contains(CheckoutRun.FAILURE_MESSAGE), "the failure message is in the stream");
        assertTrue(stream.contains("\"mediaType\":\"image/png\""), "screenshots are attached");
        // The scenario heading "## Pay by card" is line 9 of the spec; it stays line 9 in the gherkinDocument.
        assertTrue(Pattern.compile("\"location\":\\{\"line\":9,\"column\":1},\"tags\":\\[\\{[^]]*@smoke")
                .matcher(stream).find() || stream.contains("\"name\":\"Pay by card\""), "scenario location");

        // Cucumber's npm HTML formatter renders the stream in a real browser without script errors.
        Path html = dir.resolve("npm-report.html");
        Node.Result page = Node.run("html.mjs", ndjson.toString(), html.toString());
        assertEquals(0, page.exitCode(), page.stderr());
        String dom = renderInChromium(html, project);
        for (String scenario : List.of("Pay by card", "Declined card", "Shipping costs")) {
            assertTrue(dom.contains(scenario), "rendered page shows " + scenario);
        }
        assertTrue(dom.contains(CheckoutRun.FAILURE_MESSAGE), "rendered page shows the failure");
        assertTrue(dom.toLowerCase().contains("passed") && dom.toLowerCase().contains("failed"),
                "rendered page shows statuses");

        // Our own HTML (Java html-formatter) renders too.
        String own = renderInChromium(dir.resolve("report.html"), project);
        assertTrue(own.contains("Declined card") && own.contains(CheckoutRun.FAILURE_MESSAGE), "report.html renders");

        // npm junit-xml-formatter counts what we count.
        Node.Result junit = Node.run("junit.mjs", ndjson.toString(), dir.resolve("npm-junit.xml").toString());
        assertEquals(0, junit.exitCode(), junit.stderr());
        assertTrue(junit.stdout().contains("\"tests\":" + CheckoutRun.TEST_CASES), junit.stdout());
        assertTrue(junit.stdout().contains("\"failures\":" + CheckoutRun.FAILED), junit.stdout());
        String ownXml = Files.readString(dir.resolve("junit.xml"));
        assertTrue(ownXml.contains("tests=\"" + CheckoutRun.TEST_CASES + "\""), ownXml);
        assertTrue(ownXml.contains("failures=\"" + CheckoutRun.FAILED + "\""), ownXml);
        assertFalse(Files.exists(dir.resolve("report.html.tmp")) || Files.exists(dir.resolve("junit.xml.tmp")));
    }

    @Test
    void aRunThatDiesLeavesAReadablePrefix() throws Exception {
        Path project = project("crash");
        CheckoutRun run = CheckoutRun.writeProject(project);
        Path ndjson = project.resolve("reports/cucumber/messages.ndjson");
        try (PluginProcess plugin = PluginProcess.start(PLUGIN, project, Map.of())) {
            run.sendUntil(plugin.stub(), 2);
            // The stream is on disk while the run is still going: no waiting for the end.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(ndjson) && Files.readString(ndjson).contains("testCaseFinished"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } // close() kills the process: the orchestrator died mid-run.
        Node.Result schema = Node.run("validate.mjs", ndjson.toString());
        assertEquals(0, schema.exitCode(), "the prefix is valid line by line:\n" + schema.stderr());
        assertTrue(schema.stdout().contains("\"testCaseFinished\":"), schema.stdout());
    }

    private static void assertCount(String counts, String key, int expected) {
        Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(counts);
        assertTrue(m.find(), key + " missing in " + counts);
        assertEquals(expected, Integer.parseInt(m.group(1)), key + " in " + counts);
    }

    /** Headless Chromium: returns the DOM after scripts ran; fails on any uncaught script error. */
    static String renderInChromium(Path html, Path work) throws Exception {
        Path profile = Files.createTempDirectory(work, "chromium");
        Path out = Files.createTempFile(work, "dom", ".html");
        Path err = Files.createTempFile(work, "chromium-err", ".txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        String log = Files.readString(err);
        assertFalse(log.contains("Uncaught"), "script errors in the page:\n" + log);
        String dom = Files.readString(out);
        assertTrue(dom.length() > 1000, "chromium produced no DOM; exit " + p.exitValue() + "\n" + log);
        return dom;
    }

    @Test
    void thePluginFolderShipsTheRunnersAppCdsScriptUnchanged() throws Exception {
        // bin/appcds.sh, which the launcher sources, is unpacked from the SDK's jar, which takes it from runner/dist.
        Path source = Path.of(System.getProperty("stepwise.appcdsSource")).normalize();
        Path shipped = Path.of(System.getProperty("stepwise.pluginDir")).resolve("bin/appcds.sh");
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(shipped), shipped + " differs from " + source);
    }
}
