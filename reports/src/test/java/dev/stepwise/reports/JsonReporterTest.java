package dev.stepwise.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReporterTest {
    @TempDir
    Path tmp;

    @Test
    void writesOneLinePerScenarioSpecAndSuiteAndAppearsOnlyWhenComplete() throws Exception {
        Path file = tmp.resolve("json-report/report.ndjson");
        RunDriver d = new RunDriver(new JsonReporter(file));
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Overdraw", "failed", 0);
        assertFalse(Files.exists(file), "not presented before the suite result");
        d.scenario("Open an account", "passed", 0);
        d.endSpec();
        d.startSpec("Transfers");
        d.scenario("Flaky transfer", "failed", 0);
        d.scenario("Flaky transfer", "passed", 1);
        d.endSpec();
        d.endSuite();

        List<String> lines = Files.readAllLines(file);
        assertEquals(8, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("{\"type\":\"run\",\"schema\":\"stepwise-report/1\",\"project\":\"demo\""),
                lines.get(0));
        String overdraw = lines.get(1);
        assertTrue(overdraw.startsWith("{\"type\":\"scenario\",\"spec\":\"Accounts\",\"specFile\":\"/p/specs/Accounts.spec\","
                + "\"name\":\"Overdraw\",\"status\":\"failed\",\"durationMs\":1234,\"tags\":[\"smoke\"],\"specTags\":[\"web\"],"
                + "\"attempt\":1,\"maxRetries\":1,\"stream\":0"), overdraw);
        assertTrue(overdraw.contains("\"failure\":{\"message\":\"expected \\u003c1\\u003e but was \\u003c2\\u003e\""), overdraw);
        assertTrue(overdraw.contains("\"parameters\":[{\"kind\":\"table\",\"name\":\"\",\"table\":{\"headers\":[\"user\",\"role\"],"
                + "\"rows\":[[\"ann\",\"admin\"]]}}]"), overdraw);
        assertTrue(overdraw.contains("\"attachments\":[{\"file\":\"shot.png\"}]"), overdraw);
        assertTrue(lines.get(3).startsWith("{\"type\":\"spec\",\"name\":\"Accounts\""), lines.get(3));
        assertTrue(lines.get(5).contains("\"attempt\":2"), lines.get(5));
        assertTrue(lines.get(7).startsWith("{\"type\":\"suite\",\"project\":\"demo\",\"status\":\"failed\","
                + "\"environment\":\"default\",\"tags\":\"smoke \\u0026 !slow\""), lines.get(7));
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temp file left");
        }
    }

    @Test
    void scenariosSkippedBeforeTheyStartedGetALineBeforeTheirSpec() throws Exception {
        Path file = tmp.resolve("json-report/report.ndjson");
        RunDriver d = new RunDriver(new JsonReporter(file));
        d.startSuite();
        d.startSpec("Rockets");
        d.scenario("Launch", "passed", 0);
        d.unstarted("Land on Mars", "Step implementation not found: Fly to \"Mars\"");
        d.endSpec();
        d.endSuite();

        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size(), String.join("\n", lines));
        String mars = lines.get(2);
        assertTrue(mars.startsWith("{\"type\":\"scenario\",\"spec\":\"Rockets\",\"specFile\":\"/p/specs/Rockets.spec\","
                + "\"name\":\"Land on Mars\",\"status\":\"skipped\",\"durationMs\":0,\"tags\":[\"wip\"],"
                + "\"specTags\":[\"web\"],\"attempt\":1,\"maxRetries\":0,\"stream\":0,\"unstarted\":true,\"line\":20"), mars);
        assertTrue(mars.contains("\"skipReasons\":[\"Step implementation not found: Fly to \\\"Mars\\\"\"]"), mars);
        assertTrue(mars.contains("\"steps\":[{\"kind\":\"step\",\"text\":\"Fly to \\\"Mars\\\"\",\"status\":\"skipped\""),
                mars);
        assertFalse(lines.get(1).contains("unstarted"), "attempts that ran have no unstarted field");
        assertTrue(lines.get(3).startsWith("{\"type\":\"spec\",\"name\":\"Rockets\""), lines.get(3));
        assertTrue(lines.get(3).contains("\"scenarios\":2,\"passed\":1,\"failed\":0,\"skipped\":1"), lines.get(3));
    }

    @Test
    void unwritableFolderNamesThePath() throws IOException {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        RunDriver d = new RunDriver(new JsonReporter(blocker.resolve("json/report.ndjson")));
        IOException e = assertThrows(IOException.class, d::startSuite);
        assertTrue(e.getMessage().contains(blocker.resolve("json").toString()), e.getMessage());
    }
}
