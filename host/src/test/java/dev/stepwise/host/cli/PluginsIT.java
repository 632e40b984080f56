package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.EventLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end with real processes: sample-project through the real runner, with the example plugin
 * (reporter-sdk-example/target/plugin) and a recording test plugin installed in a temp GAUGE_HOME, the built-in
 * reports and the event log; then the log replayed with {@code stepwise report}.
 */
class PluginsIT {
    private static Path repo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void locate() {
        repo = Path.of(System.getProperty("stepwise.repo", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(repo.resolve("reporter-sdk-example/target/plugin/plugin.json")),
                "build reporter-sdk-example first (mvn package -pl reporter-sdk-example)");
        assertTrue(Files.isRegularFile(repo.resolve("runner/dist/target/stepwise-java/stepwise-java.json")),
                "build runner/dist first");
    }



    /** Copies a project or plugin folder, leaving out reports, the failing specs and .gauge. */
    static void copy(Path from, Path to) throws Exception {
        CliRuns.copyTree(from, to, rel -> rel.startsWith("reports") || rel.startsWith("failing")
                || rel.startsWith(".gauge"));
    }

    @Test
    void pluginsBuiltInReportsEventLogAndReplay() throws Exception {
        Path home = tmp.resolve("gauge-home");
        copy(repo.resolve("reporter-sdk-example/target/plugin"),
                home.resolve("plugins/stepwise-example-reporter/0.1.0"));
        Path recorder = home.resolve("plugins/stepwise-recorder/1.0.0");
        Files.createDirectories(recorder);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Files.writeString(recorder.resolve("plugin.json"), """
                {"id": "stepwise-recorder", "version": "1.0.0",
                 "command": {"linux": ["%1$s", "-cp", "%2$s", "dev.stepwise.host.plugins.RecordingPlugin"],
                             "darwin": ["%1$s", "-cp", "%2$s", "dev.stepwise.host.plugins.RecordingPlugin"]},
                 "scope": ["execution"], "capabilities": ["grpc_support"],
                 "gaugeVersionSupport": {"minimum": "1.0.0", "maximum": ""}}
                """.formatted(java, cp));
        Path project = tmp.resolve("sample-project");
        copy(repo.resolve("sample-project"), project);
        Files.writeString(project.resolve("manifest.json"), """
                {"Language": "stepwise-java", "Plugins": ["stepwise-example-reporter", "stepwise-recorder"]}
                """);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GAUGE_HOME", home.toString());
        env.remove("STEPWISE_HOME");
        env.put("STEPWISE_RUNNER_DIR", repo.resolve("runner/dist/target/stepwise-java").toString());

        CliRuns.Run run = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("Reports: reports/html-report/index.html"), run.out());
        Path reports = project.resolve("reports");

        // The third-party plugin, launched from its folder with Gauge's environment.
        String summary = Files.readString(reports.resolve("example/summary.txt"));
        assertTrue(summary.contains("project: sample-project") && summary.contains("passed: 10")
                && summary.contains("failed: 0"), summary);

        // The built-in reports.
        try (Stream<Path> xml = Files.list(reports.resolve("xml-report"))) {
            assertEquals(3, xml.filter(p -> p.getFileName().toString().startsWith("TEST-")).count());
        }
        String json = Files.readString(reports.resolve("json-report/report.ndjson"));
        assertEquals(10, json.lines().filter(l -> l.startsWith("{\"type\":\"scenario\"")).count(), json);
        assertTrue(json.lines().reduce((a, b) -> b).orElseThrow().contains("\"scenariosPassed\":10"), json);
        String html = Files.readString(reports.resolve("html-report/index.html"));
        assertTrue(html.contains("Each customer buys from the data table"), "HTML holds the scenarios");

        // The event log, and the order the recording plugin saw: the same events, in Gauge's order.
        Path log = EventLog.latest(reports.resolve("events"));
        List<String> kinds = new ArrayList<>();
        try (EventLogReader r = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = r.next()) != null) {
                kinds.add(rec.kind().name());
            }
        }
        List<String> seen = Files.readAllLines(reports.resolve("recorded.txt"));
        assertEquals("action=execution language=stepwise-java", seen.get(0));
        List<String> events = seen.subList(1, seen.size());
        assertEquals(kinds.size(), events.size(), "the plugin saw every logged event");
        assertGaugeOrder(events);

        // Replay: rebuild the JSON and JUnit reports elsewhere and compare; replay to the example plugin too.
        Files.delete(reports.resolve("example/summary.txt"));
        Path rebuilt = tmp.resolve("rebuilt");
        CliRuns.Run replay = CliRuns.run(env, "report", "--project", project.toString(), "--from", "latest",
                "--builtin", "json,junit", "--plugin", "stepwise-example-reporter", "--out", rebuilt.toString());
        assertEquals(0, replay.exit(), replay.out());
        assertTrue(replay.out().contains("Replayed " + kinds.size() + " events"), replay.out());
        assertEquals(summary, Files.readString(reports.resolve("example/summary.txt")));
        assertEquals(withoutTimes(json), withoutTimes(Files.readString(rebuilt.resolve("json-report/report.ndjson"))));
        try (Stream<Path> xml = Files.list(reports.resolve("xml-report"))) {
            for (Path original : (Iterable<Path>) xml::iterator) {
                assertEquals(withoutTimes(Files.readString(original)),
                        withoutTimes(Files.readString(rebuilt.resolve("xml-report").resolve(original.getFileName()))));
            }
        }
    }

    private static String withoutTimes(String s) {
        return s.replaceAll("\"(startedAt|timestamp)\":\"[^\"]*\"", "\"$1\":\"T\"")
                .replaceAll("timestamp=\"[^\"]*\"", "timestamp=\"T\"");
    }

    /** Gauge's notification grammar (gauge-protocol.md section 4), checked line by line. */
    private static void assertGaugeOrder(List<String> e) {
        int i = 0;
        assertEquals("SuiteStarting false", e.get(i++));
        assertEquals("SuiteStarting true", e.get(i++));
        int specs = 0;
        int scenarios = 0;
        int steps = 0;
        int concepts = 0;
        while (e.get(i).startsWith("SpecStarting")) {
            assertEquals("SpecStarting false", e.get(i++));
            assertEquals("SpecStarting true", e.get(i++));
            specs++;
            while (e.get(i).startsWith("ScenarioStarting")) {
                assertEquals("ScenarioStarting false", e.get(i++), "at " + i);
                assertEquals("ScenarioStarting true", e.get(i++), "at " + i);
                scenarios++;
                int open = 0;
                while (!e.get(i).equals("ScenarioFinished")) {
                    String x = e.get(i++);
                    if (x.equals("ConceptStarting")) {
                        open++;
                        concepts++;
                    } else if (x.equals("ConceptFinished")) {
                        open--;
                    } else {
                        assertEquals("StepStarting false", x, "at " + i);
                        assertEquals("StepStarting true", e.get(i++), "at " + i);
                        assertEquals("StepFinished", e.get(i++), "at " + i);
                        steps++;
                    }
                }
                assertEquals(0, open, "concepts balanced");
                i++;
            }
            assertEquals("SpecFinished", e.get(i++), "at " + i);
        }
        assertEquals("SuiteFinished false", e.get(i++));
        assertEquals("SuiteFinished true", e.get(i++));
        assertEquals("SuiteResultReady", e.get(i++));
        assertEquals(e.size(), i);
        assertEquals(3, specs);
        assertEquals(10, scenarios);
        assertTrue(steps > 10 && concepts > 0, steps + " steps, " + concepts + " concepts");
    }
}
