package dev.stepwise.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.plugins.testkit.PluginProcess;
import dev.stepwise.proto.KillProcessRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin folder's POSIX launcher and its AppCDS archive, with real plugin processes: the first launch
 * dumps an archive as it exits, the next maps it, a copy of the folder elsewhere gets an archive of its own, and
 * {@code bin/appcds.sh} is the runner's file, byte for byte, unpacked from the SDK's jar.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the .cmd launcher makes no AppCDS archive")
class PluginAppCdsIT {
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private final Path pluginDir = Path.of(System.getProperty("stepwise.pluginDir"));

    @TempDir
    Path tmp;

    private Path project;
    /** With a space: the launcher must pass the archive option to java as one word. */
    private Path cds;
    private String archivePrefix;

    @BeforeEach
    void fixture() throws IOException {
        project = Files.createDirectories(tmp.resolve("project"));
        cds = tmp.resolve("cds archives");
        Matcher version = VERSION.matcher(Files.readString(pluginDir.resolve("plugin.json")));
        assertTrue(version.find(), "no version in " + pluginDir.resolve("plugin.json"));
        archivePrefix = "stepwise-example-reporter-" + version.group(1) + "-";
    }

    @Test
    void theFirstLaunchLeavesAnArchiveThatTheSecondMaps() throws Exception {
        long firstPid;
        try (PluginProcess first = launch(pluginDir, Map.of())) {
            firstPid = first.pid();
            first.stub(); // waits for the handshake, which the JVM prints
            String command = ProcessHandle.of(firstPid).flatMap(h -> h.info().command()).orElse("(gone)");
            assertTrue(command.endsWith("/java"), () -> "the launcher must exec java, so that the dump's name (the"
                    + " shell's $$) is the JVM's pid and no shell stays behind; the launched process runs " + command);
            assertEquals(0, killAndAwaitExit(first), () -> "first launch; stderr:\n" + first.stderr());
            assertFalse(first.stdout().contains("[cds"),
                    "the JVM's CDS warnings must not reach stdout, which Gauge logs:\n" + first.stdout());
        }
        List<String> dumped = names(cds);
        assertEquals(1, dumped.size(), () -> "one dump expected in " + cds + ": " + dumped);
        assertTrue(dumped.get(0).startsWith(archivePrefix) && dumped.get(0).endsWith(".jsa." + firstPid + ".tmp"),
                () -> "the dump is named by the plugin's id and version and by the launched pid (the launcher execs"
                        + " java): " + dumped);

        Path classLog = tmp.resolve("class-load.log");
        try (PluginProcess second = launch(pluginDir,
                Map.of("STEPWISE_PLUGIN_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog))) {
            assertEquals(0, killAndAwaitExit(second), () -> "second launch; stderr:\n" + second.stderr());
        }
        String archive = dumped.get(0).replaceFirst("\\.\\d+\\.tmp$", "");
        assertEquals(List.of(archive), names(cds), "the finished dump is adopted under the archive's name");
        String log = Files.readString(classLog, StandardCharsets.UTF_8);
        for (String sharedClass : List.of("dev.stepwise.reporter.ReporterPlugin", "dev.stepwise.example.SummaryReporter",
                "io.grpc.ServerBuilder")) {
            assertTrue(log.contains(sharedClass + " source: shared objects file (top)"),
                    sharedClass + " should come from the dynamic AppCDS archive; class-load log: " + classLog);
        }
    }

    @Test
    void aCopyOfThePluginFolderElsewhereGetsAnArchiveOfItsOwn() throws Exception {
        Path copy = copyTree(pluginDir, tmp.resolve("plugins/bench-reporter-a/0.1.0"));
        try (PluginProcess original = launch(pluginDir, Map.of())) {
            assertEquals(0, killAndAwaitExit(original), original::stderr);
        }
        try (PluginProcess copied = launch(copy, Map.of())) {
            assertEquals(0, killAndAwaitExit(copied), copied::stderr);
        }
        List<String> dumps = names(cds);
        assertEquals(2, dumps.size(), () -> "one dump per plugin folder: " + dumps);
        String[] archives = dumps.stream().map(n -> n.replaceFirst("\\.\\d+\\.tmp$", "")).toArray(String[]::new);
        assertNotEquals(archives[0], archives[1], "the folders' jar and lib/ paths key their archives apart");
    }

    @Test
    void withoutItsAppCdsScriptTheLauncherFailsNamingIt() throws Exception {
        Path copy = copyTree(pluginDir, tmp.resolve("broken-plugin"));
        Files.delete(copy.resolve("bin/appcds.sh"));
        try (PluginProcess broken = launch(copy, Map.of())) {
            assertEquals(1, broken.awaitExit());
            assertTrue(broken.stderr().contains("cannot read " + copy.resolve("bin/appcds.sh")),
                    "the message must name the missing file; stderr:\n" + broken.stderr());
        }
        assertFalse(Files.exists(cds), "no JVM was started, so no archive folder");
    }

    @Test
    void thePluginFolderShipsTheRunnersAppCdsScriptUnchanged() throws IOException {
        // bin/appcds.sh is unpacked from the SDK's jar, which takes it from runner/dist: one file, never a copy.
        Path source = Path.of(System.getProperty("stepwise.appcdsSource")).normalize();
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(pluginDir.resolve("bin/appcds.sh")),
                pluginDir.resolve("bin/appcds.sh") + " differs from " + source);
    }

    private PluginProcess launch(Path dir, Map<String, String> env) throws IOException {
        Map<String, String> withCds = new HashMap<>(env);
        withCds.put("STEPWISE_CDS_DIR", cds.toString());
        withCds.put("STEPWISE_CDS", ""); // whatever the developer's shell says
        withCds.putIfAbsent("STEPWISE_PLUGIN_JAVA_OPTS", "");
        return PluginProcess.start(dir, project, withCds);
    }

    /** Kill, as the host ends a plugin, then the exit status (the archive is dumped on the way out). */
    private static int killAndAwaitExit(PluginProcess plugin) throws InterruptedException {
        plugin.stub().withDeadlineAfter(30, TimeUnit.SECONDS).kill(KillProcessRequest.getDefaultInstance());
        return plugin.awaitExit();
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Copies a plugin folder as an installer or the reports bench does: same files, same modes and dates. */
    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
