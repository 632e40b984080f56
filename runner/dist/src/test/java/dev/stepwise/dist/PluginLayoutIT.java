package dev.stepwise.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.internal.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The plugin folder Gauge installs: descriptor, launchers, lib/. */
class PluginLayoutIT {

    private final Path dir = ItEnv.pluginDir();

    @SuppressWarnings("unchecked")
    private Map<String, Object> descriptor() throws Exception {
        return (Map<String, Object>) JsonParser.parse(Files.readString(dir.resolve("stepwise-java.json")));
    }

    @Test
    void descriptorHasWhatGaugeReads() throws Exception {
        Map<String, Object> d = descriptor();
        assertEquals("stepwise-java", d.get("id"));
        assertTrue(d.get("name") instanceof String name && !name.isBlank());
        assertTrue(d.get("description") instanceof String text && !text.isBlank());
        assertEquals(ItEnv.pluginVersion(), d.get("version"));
        assertEquals(ItEnv.projectVersion().replace("-SNAPSHOT", ""), d.get("version"),
                "stepwise.plugin.version in runner/dist/pom.xml must follow the project version");
        assertTrue(((String) d.get("version")).matches("\\d+\\.\\d+\\.\\d+"), "Gauge parses N.N.N");
        Map<String, Object> run = (Map<String, Object>) d.get("run");
        assertEquals(List.of("bin/stepwise-runner", "--start"), run.get("linux"));
        assertEquals(List.of("bin/stepwise-runner", "--start"), run.get("darwin"));
        assertEquals(List.of("bin\\stepwise-runner.cmd", "--start"), run.get("windows"));
        Map<String, Object> init = (Map<String, Object>) d.get("init");
        assertEquals(run.keySet(), init.keySet());
        assertEquals("lib", d.get("lib"));
        assertEquals(Boolean.TRUE, d.get("multithreaded"));
        assertEquals(Boolean.TRUE, d.get("gRPCSupport"));
        assertEquals("java", d.get("lspLangId"));
        assertEquals(Map.of("minimum", "1.6.7", "maximum", ""), d.get("gaugeVersionSupport"));
    }

    @Test
    void libHoldsTheRunnerAndItsDependencies() throws Exception {
        List<String> jars;
        try (Stream<Path> files = Files.list(dir.resolve("lib"))) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        for (String prefix : List.of("stepwise-runner-", "stepwise-step-api-", "stepwise-proto-", "grpc-netty-shaded-",
                "protobuf-java-", "grpc-stub-")) {
            assertTrue(jars.stream().anyMatch(j -> j.startsWith(prefix) && j.endsWith(".jar")),
                    () -> "lib/ lacks " + prefix + "*.jar: " + jars);
        }
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("junit") || j.startsWith("gauge-java")),
                () -> "test dependencies leaked into lib/: " + jars);
    }

    @Test
    void launchersAreFilledIn() throws Exception {
        for (String launcher : List.of("bin/stepwise-runner", "bin/stepwise-runner.cmd")) {
            String text = Files.readString(dir.resolve(launcher));
            assertFalse(text.contains("@stepwise.plugin.version@"), launcher + " was not filtered");
            assertTrue(text.contains(ItEnv.pluginVersion()), launcher + " does not carry the version");
            assertTrue(text.contains("dev.stepwise.runner.Main"), launcher);
        }
        String sh = Files.readString(dir.resolve("bin/stepwise-runner"));
        assertTrue(sh.startsWith("#!/bin/sh\n"), "Gauge execs the launcher directly; it needs a shebang");
        assertTrue(sh.contains("exec \"$java_cmd\""), "the JVM must replace the shell (exec)");
        for (String flag : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "STEPWISE_RUNNER_JAVA_OPTS", "JAVA_HOME", ". \"$bin_dir/appcds.sh\"", "stepwise_appcds ")) {
            assertTrue(sh.contains(flag), "launcher lacks " + flag);
        }
        String appCds = Files.readString(dir.resolve("bin/appcds.sh"));
        for (String flag : List.of("-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=", "STEPWISE_CDS_DIR")) {
            assertTrue(appCds.contains(flag), "bin/appcds.sh lacks " + flag);
        }
    }

    @Test
    void theShippedAppCdsScriptIsTheOneScriptsStepwiseSources() throws Exception {
        // scripts/stepwise sources the source tree's copy for the host CLI; the plugin ships this one.
        Path source = ItEnv.repoRoot().resolve("runner/dist/src/main/plugin/bin/appcds.sh");
        assertEquals(Files.readString(source), Files.readString(dir.resolve("bin/appcds.sh")),
                "the resource copy changed bin/appcds.sh (filtering?)");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void posixLauncherIsExecutableAndItsSourcedScriptReadableByAll() throws Exception {
        assertTrue(Files.isExecutable(dir.resolve("bin/stepwise-runner")));
        assertTrue(Files.getPosixFilePermissions(dir.resolve("bin/appcds.sh"))
                        .containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                                PosixFilePermission.OTHERS_READ)),
                "bin/appcds.sh must be readable by everyone who may run the launcher");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void installScriptPutsTheFolderUnderGaugeHomeAndReplacesAnOlderCopy() throws Exception {
        Path home = ItEnv.newWorkDir("install").resolve("gauge-home");
        Path installed = PluginInstall.installWithScript(home);
        assertEquals(home.resolve("plugins/stepwise-java/" + ItEnv.pluginVersion()), installed);
        assertTrue(Files.isRegularFile(installed.resolve("stepwise-java.json")));
        assertTrue(Files.isExecutable(installed.resolve("bin/stepwise-runner")));
        assertTrue(Files.getPosixFilePermissions(installed.resolve("bin/appcds.sh"))
                .contains(PosixFilePermission.OTHERS_READ), "bin/appcds.sh is not readable by all once installed");
        Path stale = installed.resolve("lib/stale-from-an-older-build.jar");
        Files.writeString(stale, "old");
        PluginInstall.installWithScript(home);
        assertFalse(Files.exists(stale), "a reinstall of the same version must replace the folder, not merge into it");
        try (Stream<Path> siblings = Files.list(installed.getParent())) {
            List<String> names = siblings.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(ItEnv.pluginVersion()), names, "temporary folders were left behind");
        }
    }
}
