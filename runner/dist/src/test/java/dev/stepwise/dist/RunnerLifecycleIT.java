package dev.stepwise.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** How the launched runner lives and dies: stdin closing, and the launcher's AppCDS archive. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerLifecycleIT {

    private Path work;
    private Path installed;
    private TestProject project;

    @BeforeAll
    void install() throws Exception {
        work = ItEnv.newWorkDir("lifecycle");
        installed = PluginInstall.install(work.resolve("gauge-home"));
        project = TestProject.create(work.resolve("project"));
    }

    @Test
    void exitsWhenItsStdinIsClosed() throws Exception {
        // The stand-in for "the parent died": Gauge's pipe to the runner's stdin closes with it.
        Map<String, String> env = Map.of("STEPWISE_CDS_DIR", work.resolve("cds-stdin").toString());
        RunnerProcess.warmCdsArchive(installed, project.root, env);
        try (RunnerProcess runner = RunnerProcess.start(installed, project.root, env)) {
            runner.process.getOutputStream().close();
            Integer exit = runner.awaitExit(Duration.ofSeconds(2));
            assertNotNull(exit, () -> "the runner was still alive 2 s after its stdin closed\n" + runner.output());
            System.out.println("runner exited with " + exit + " after stdin closed");
        }
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the .cmd launcher has no atomic archive hand-over")
    void firstLaunchWritesAnAppCdsArchiveThatTheNextLaunchUses() throws Exception {
        Path cds = work.resolve("cds-archive");
        Path classLog = work.resolve("class-load.log");
        Map<String, String> env = Map.of("STEPWISE_CDS_DIR", cds.toString());

        try (RunnerProcess first = RunnerProcess.start(installed, project.root, env)) {
            first.kill();
            Integer exit = first.awaitExit(Duration.ofSeconds(60));
            assertEquals(0, exit, () -> "first launch exit\n" + first.output());
        }
        List<Path> dumped = list(cds);
        assertEquals(1, dumped.size(), () -> "expected one dumped archive in " + cds + ", found " + dumped);
        assertTrue(dumped.get(0).getFileName().toString().endsWith(".tmp"),
                () -> "the first dump is written under a .tmp name and adopted by the next launch: " + dumped);

        try (RunnerProcess second = RunnerProcess.start(installed, project.root, Map.of(
                "STEPWISE_CDS_DIR", cds.toString(),
                "STEPWISE_RUNNER_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog))) {
            List<Path> adopted = list(cds);
            assertEquals(1, adopted.size(), adopted::toString);
            assertTrue(adopted.get(0).getFileName().toString().endsWith(".jsa"), () -> "not adopted: " + adopted);
            second.kill();
            assertEquals(0, second.awaitExit(Duration.ofSeconds(10)), second::output);
        }
        String log = Files.readString(classLog);
        assertTrue(log.contains("dev.stepwise.runner.Main source: shared objects file (top)"),
                "the second launch should load the runner's classes from the dynamic AppCDS archive; class-load log: " + classLog);
    }

    @Test
    void startsWhenTheArchiveIsGarbage() throws Exception {
        Path cds = work.resolve("cds-garbage");
        Map<String, String> env = Map.of("STEPWISE_CDS_DIR", cds.toString());
        RunnerProcess.warmCdsArchive(installed, project.root, env);
        try (RunnerProcess adopt = RunnerProcess.start(installed, project.root, env)) {
            adopt.kill();
            adopt.awaitExit(Duration.ofSeconds(10));
        }
        for (Path archive : list(cds)) {
            archive.toFile().setWritable(true);
            Files.writeString(archive, "not an archive");
        }
        try (RunnerProcess runner = RunnerProcess.start(installed, project.root, env)) {
            runner.kill();
            assertEquals(0, runner.awaitExit(Duration.ofSeconds(10)), runner::output);
        }
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
