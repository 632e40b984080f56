package dev.stepwise.host.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: a scenario skipped before it started (an unimplemented step: a validation error, exit code 3) gets
 * no scenario events, only an item of the spec-ending request. It must still appear, skipped and with its reason,
 * in the three built-in reports and, when the plugin is built, in the Cucumber Messages stream.
 */
class UnstartedScenariosIT {
    private static final String SPEC = """
            # Rockets

            ## Launch works

            * Open a new basket

            ## Land on Mars

            Tags: wip

            * Open a new basket
            * Fly the rocket to "Mars"
            """;
    private static final String REASON = "Step implementation not found => 'Fly the rocket to \"Mars\"'";

    @TempDir
    Path tmp;

    @Test
    void aScenarioWithAnUnimplementedStepIsSkippedWithItsReasonInEveryReport() throws Exception {
        Path repo = Path.of(System.getProperty("stepwise.repo", "..")).toAbsolutePath().normalize();
        Path runner = repo.resolve("runner/dist/target/stepwise-java");
        assertTrue(Files.isRegularFile(runner.resolve("stepwise-java.json")), "build runner/dist first");
        Path messagesPlugin = repo.resolve("plugins/cucumber-messages/target/plugin");
        boolean withMessages = Files.isRegularFile(messagesPlugin.resolve("plugin.json"));

        Path project = tmp.resolve("sample-project");
        PluginsIT.copy(repo.resolve("sample-project"), project);
        Files.writeString(project.resolve("specs/rockets.spec"), SPEC);
        Files.writeString(project.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": ["
                + (withMessages ? "\"stepwise-cucumber-messages\"" : "") + "]}\n");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GAUGE_HOME", tmp.resolve("empty-gauge-home").toString());
        env.remove("STEPWISE_HOME");
        env.put("STEPWISE_RUNNER_DIR", runner.toString());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = Main.execute(new String[] {"run", "--project", project.toString(), "specs/rockets.spec"}, print,
                print, env);
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, exit, "validation errors\n" + console);
        assertTrue(console.contains("2 executed, 1 passed, 0 failed, 1 skipped"), console);
        Path reports = project.resolve("reports");

        // JUnit XML: a skipped test case with the reason.
        String xml;
        try (Stream<Path> files = Files.list(reports.resolve("xml-report"))) {
            List<Path> list = files.filter(p -> p.getFileName().toString().startsWith("TEST-rockets")).toList();
            assertEquals(1, list.size(), list.toString());
            xml = Files.readString(list.get(0));
        }
        assertTrue(xml.contains("tests=\"2\"") && xml.contains("skipped=\"1\""), xml);
        assertTrue(xml.contains("<testcase name=\"Land on Mars\" classname=\"Rockets\" time=\"0.000\">\n"
                + "    <skipped message=\"Step implementation not found =&gt; 'Fly the rocket to &quot;Mars&quot;'"), xml);

        // JSON: a scenario line, skipped, unstarted, with the reason, before the spec line.
        List<String> json = Files.readAllLines(reports.resolve("json-report/report.ndjson"));
        int mars = indexOf(json, "\"name\":\"Land on Mars\"");
        int spec = indexOf(json, "{\"type\":\"spec\"");
        assertTrue(mars >= 0 && mars < spec, String.join("\n", json));
        String line = json.get(mars);
        assertTrue(line.contains("\"status\":\"skipped\"") && line.contains("\"unstarted\":true")
                && line.contains("\"tags\":[\"wip\"]"), line);
        assertTrue(line.contains("\"skipReasons\":[\"Step implementation not found =\\u003e 'Fly the rocket to "
                + "\\\"Mars\\\"'"), line);

        // HTML: the same record embedded, which the viewer shows as a skipped row with its reason.
        String html = Files.readString(reports.resolve("html-report/index.html"));
        assertTrue(html.contains("\"name\":\"Land on Mars\",\"status\":\"skipped\""), "HTML row data");
        assertTrue(html.contains("Step implementation not found =\\u003e 'Fly the rocket to \\\"Mars\\\"'"),
                "HTML reason");

        // Cucumber Messages: a test case for the pickle whose steps finish SKIPPED with the reason.
        Assumptions.assumeTrue(withMessages, "plugins/cucumber-messages is not built: its part is not checked");
        String messages = Files.readString(reports.resolve("cucumber/messages.ndjson"));
        assertEquals(2, messages.lines().filter(l -> l.startsWith("{\"testCase\":")).count(), messages);
        assertEquals(2, messages.lines().filter(l -> l.startsWith("{\"testCaseFinished\":")).count(), messages);
        assertTrue(messages.lines().anyMatch(l -> l.startsWith("{\"testStepFinished\":")
                && l.contains("\"status\":\"SKIPPED\"") && l.contains(REASON.replace("\"", "\\\""))), messages);
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        return -1;
    }
}
