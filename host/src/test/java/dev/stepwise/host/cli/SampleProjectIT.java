package dev.stepwise.host.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end: the CLI runs sample-project through a real runner process (runner/dist/target/stepwise-java). Needs
 * the reactor to have built runner/dist and sample-project first (host depends on both with type pom for order).
 */
class SampleProjectIT {

    private static Path repo;
    private static Map<String, String> env;

    @BeforeAll
    static void locate() {
        repo = CliRuns.repo();
        env = CliRuns.envWithBuiltRunner(repo);
    }



    @Test
    void defaultRunPasses() {
        CliRuns.Run r = CliRuns.run(env, "run", "--project", repo.resolve("sample-project").toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Scenarios:      10 executed, 10 passed, 0 failed, 0 skipped"), r.out());
        assertTrue(r.out().contains("Greeting: Welcome to Stepwise Grocer"), "env property reached the runner");
        assertTrue(r.out().contains("Ada bought 2 x milk") && r.out().contains("Grace bought 3 x milk"));
    }

    @Test
    void failingFolderFailsWithLocations() {
        CliRuns.Run r = CliRuns.run(env, "run", "--project", repo.resolve("sample-project").toString(), "failing");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("failing/failing.spec:9 step: * The basket holds \"5\" items"), r.out());
        assertTrue(r.out().contains("step (continued on failure)"), r.out());
        assertTrue(r.out().contains("skipped: the shop is closed"), r.out());
        assertTrue(r.out().contains("0 passed, 2 failed, 1 skipped"), r.out());
    }

    @Test
    void tagsAndTableRowsSelect() {
        CliRuns.Run r = CliRuns.run(env, "run", "--project", repo.resolve("sample-project").toString(), "--tags", "data-driven",
                "--table-rows", "2");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Grace bought 3 x milk") && !r.out().contains("Ada bought"), r.out());
        assertTrue(r.out().contains("1 executed, 1 passed"), r.out());
    }

    @Test
    void validateAndUnknownStep() throws Exception {
        assertEquals(0, CliRuns.run(env, "validate", "--project", repo.resolve("sample-project").toString()).exit());
        Path tmp = Files.createTempDirectory("stepwise-it");
        copyProject(repo.resolve("sample-project"), tmp);
        Files.writeString(tmp.resolve("specs/extra.spec"), "# Extra\n## Unknown\n* A step nobody wrote\n");
        CliRuns.Run v = CliRuns.run(env, "validate", "--project", tmp.toString());
        assertEquals(3, v.exit(), v.out());
        assertTrue(v.out().contains("Step implementation not found => 'A step nobody wrote'"), v.out());
        CliRuns.Run run = CliRuns.run(env, "run", "--project", tmp.toString());
        assertEquals(3, run.exit(), run.out());
        assertTrue(run.out().contains("10 passed, 0 failed, 1 skipped"), run.out());
    }

    @Test
    void missingRunnerNamesTheStage() throws Exception {
        Path tmp = Files.createTempDirectory("stepwise-it");
        copyProject(repo.resolve("sample-project"), tmp);
        Path plugin = tmp.resolve("plugin");
        Files.createDirectories(plugin.resolve("bin"));
        Files.writeString(plugin.resolve("stepwise-java.json"), "{\"id\":\"stepwise-java\",\"version\":\"0.1.0\","
                + "\"gRPCSupport\":true,\"run\":{\"linux\":[\"bin/broken\"],\"darwin\":[\"bin/broken\"]}}");
        Path script = plugin.resolve("bin/broken");
        Files.writeString(script, "#!/bin/sh\necho 'cannot find java things' >&2\nexit 7\n");
        script.toFile().setExecutable(true);
        Map<String, String> saved = env;
        env = new HashMap<>(saved);
        env.put("STEPWISE_RUNNER_DIR", plugin.toString());
        try {
            CliRuns.Run r = CliRuns.run(env, "run", "--project", tmp.toString());
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("stage PORT_LINE"), r.out());
            assertTrue(r.out().contains("exit status: 7"), r.out());
            assertTrue(r.out().contains("cannot find java things"), r.out());
        } finally {
            env = saved;
        }
    }

    private static void copyProject(Path from, Path to) throws Exception {
        CliRuns.copyTree(from, to, rel -> rel.startsWith("failing"));
    }
}
