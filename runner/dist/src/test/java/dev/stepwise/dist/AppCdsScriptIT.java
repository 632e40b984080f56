package dev.stepwise.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped {@code bin/appcds.sh}, sourced by a real shell as the runner's launcher (POSIX {@code /bin/sh}) and
 * {@code scripts/stepwise} ({@code bash} under {@code set -euo pipefail}) source it: which JVM option
 * {@code stepwise_appcds} picks, what its archive name is keyed by, and how a finished dump becomes the archive.
 * No JVM is started: a dump is stood in for by a file of the dump's name.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the .cmd launcher has its own, simpler AppCDS logic")
class AppCdsScriptIT {

    private static final String DUMP_OPTION = "-XX:ArchiveClassesAtExit=";
    private static final String MAP_OPTION = "-XX:SharedArchiveFile=";
    /** What a whole dump starts with: a dynamic archive's magic number, 0xf00baba8, little-endian. */
    private static final String DUMP_CONTENT = "\u00a8\u00ab\u000b\u00f0 archive";

    private Path work;
    private Path cds;
    private Path jdk;
    private Path jar;
    private Path lib;

    /** What one sourcing shell printed: the option chosen, and the shell's pid (the pid a dump is named by). */
    private record Pick(String option, long pid) {
        String archive() {
            return option.substring(option.indexOf('=') + 1);
        }
    }

    @BeforeEach
    void fixture() throws IOException {
        work = ItEnv.newWorkDir("appcds");
        cds = work.resolve("cds");
        // A stand-in JDK: the function reads the resolved java's path and its JDK's release file, never runs it.
        jdk = work.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\n");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        jar = work.resolve("app.jar");
        Files.writeString(jar, "jar bytes");
        lib = work.resolve("lib");
        Files.createDirectories(lib);
        Files.writeString(lib.resolve("dep-1.0.jar"), "dependency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void theFirstLaunchDumpsUnderItsOwnPidAndALaterLaunchAdoptsTheFinishedDump(String shell) throws Exception {
        Pick first = pick(shell, Map.of());
        assertTrue(first.option().startsWith(DUMP_OPTION + cds.resolve("app-1.0-")), first::toString);
        assertTrue(first.option().endsWith(".jsa." + first.pid() + ".tmp"),
                () -> "the dump must be named by the pid of the shell that execs java: " + first);
        assertTrue(Files.isDirectory(cds), "the archive folder is created for the dump");

        // The JVM writes its dump at exit; that process (the shell's pid) is gone by the next launch.
        writeDump(Path.of(first.archive()));
        String archive = first.archive().replaceFirst("\\.\\d+\\.tmp$", "");

        Pick second = pick(shell, Map.of());
        assertEquals(MAP_OPTION + archive, second.option());
        assertEquals(List.of(Path.of(archive)), list(cds), "the finished dump is renamed to the archive's name");
        assertEquals(DUMP_CONTENT, Files.readString(Path.of(archive), StandardCharsets.ISO_8859_1));

        assertEquals(MAP_OPTION + archive, pick(shell, Map.of()).option(), "later launches map the same archive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void aDumpCutShortBeforeItsHeaderIsDeletedAndThisLaunchDumpsAgain(String shell) throws Exception {
        Pick first = pick(shell, Map.of());
        // Killed while writing: the regions are there, the header (written last) is not.
        Files.write(Path.of(first.archive()), new byte[4096]);

        Pick second = pick(shell, Map.of());

        assertTrue(second.option().startsWith(DUMP_OPTION), () -> "a new dump, not the broken one mapped: " + second);
        assertEquals(List.of(), list(cds), "the broken dump is gone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void whileAnotherLaunchIsDumpingThisOneRunsWithoutAnArchiveAndLeavesTheDumpAlone(String shell) throws Exception {
        String archive = pick(shell, Map.of()).archive().replaceFirst("\\.\\d+\\.tmp$", "");
        // A dump in progress: named by a live pid (this test's JVM).
        Path inProgress = Path.of(archive + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(inProgress, "half written");

        assertEquals("", pick(shell, Map.of()).option(), "no archive to map, and no second dump beside the first");
        assertEquals(List.of(inProgress), list(cds));
        assertEquals("half written", Files.readString(inProgress));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void theArchiveNameFollowsTheNameTheClassPathAndTheJdk(String shell) throws Exception {
        String base = archiveName(shell, "app-1.0");
        assertEquals(base, archiveName(shell, "app-1.0"), "the same inputs give the same name");
        assertTrue(base.startsWith("app-1.0-") && base.endsWith(".jsa"), base);

        assertNotEquals(base, archiveName(shell, "app-1.1"), "another version");
        Files.writeString(jar, "rebuilt jar bytes");
        String rebuilt = archiveName(shell, "app-1.0");
        assertNotEquals(base, rebuilt, "a jar of another size");
        Files.writeString(lib.resolve("dep-2.0.jar"), "another dependency");
        String moreLib = archiveName(shell, "app-1.0");
        assertNotEquals(rebuilt, moreLib, "another listing of a class-path folder");
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.16\"\n");
        assertNotEquals(moreLib, archiveName(shell, "app-1.0"), "another JDK release");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void aJarRebuiltWithinTheMinuteAtTheSameSizeGetsAnotherName(String shell) throws Exception {
        // Both times in one minute: `ls -ln` would show the same date, and the JVM would refuse the old archive.
        FileTime minute = FileTime.from(Instant.parse("2026-11-22T05:00:00Z"));
        Files.setLastModifiedTime(jar, minute);
        Files.setLastModifiedTime(lib.resolve("dep-1.0.jar"), minute);
        String before = archiveName(shell, "app-1.0");
        Files.writeString(jar, "JAR BYTES"); // same size
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-22T05:00:01Z")));
        assertNotEquals(before, archiveName(shell, "app-1.0"), "a jar rebuilt a second later");
        Files.writeString(lib.resolve("dep-1.0.jar"), "DEPENDENCY");
        String jarDone = archiveName(shell, "app-1.0");
        Files.setLastModifiedTime(lib.resolve("dep-1.0.jar"), FileTime.from(Instant.parse("2026-11-22T05:00:02Z")));
        assertNotEquals(jarDone, archiveName(shell, "app-1.0"), "a class-path folder's jar rebuilt a second later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void aRebuiltInstallationsNewDumpDeletesItsOlderArchivesButNoOtherInstallations(String shell) throws Exception {
        Path old = adopt(shell, Map.of());
        // Another installation of the same name: the same jars in another folder.
        Path otherJar = Files.createDirectories(work.resolve("elsewhere")).resolve("app.jar");
        Files.copy(jar, otherJar);
        Path other = adopt(shell, Map.of("JAR", otherJar.toString()));
        assertNotEquals(old, other, "another folder, another archive");
        // What the old content's JVMs left: a finished dump (its pid is gone) and one still being written.
        Path finished = Path.of(old + "." + endedPid() + ".tmp");
        writeDump(finished);
        Path inProgress = Path.of(old + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(inProgress, "dump in progress");

        Files.writeString(jar, "rebuilt jar bytes");
        Pick rebuilt = pick(shell, Map.of());

        assertTrue(rebuilt.option().startsWith(DUMP_OPTION), rebuilt::toString);
        assertFalse(Files.exists(old), "the installation's archive of its old content is deleted");
        assertFalse(Files.exists(finished), "and the finished dump of its old content");
        assertTrue(Files.exists(inProgress), "a dump still being written is left to its JVM");
        assertTrue(Files.exists(other), "another installation's archive is left alone");
    }

    /** A first launch's dump, finished, then adopted by the next launch: the archive's path. */
    private Path adopt(String shell, Map<String, String> env) throws Exception {
        Pick first = pick(shell, env);
        assertTrue(first.option().startsWith(DUMP_OPTION), first::toString);
        writeDump(Path.of(first.archive()));
        Pick second = pick(shell, env);
        assertTrue(second.option().startsWith(MAP_OPTION), second::toString);
        return Path.of(second.archive());
    }

    /** Stands in for a whole dump, as a JVM leaves it at exit. */
    private static void writeDump(Path dump) throws IOException {
        Files.writeString(dump, DUMP_CONTENT, StandardCharsets.ISO_8859_1);
    }

    private static long endedPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void offGivesNoOptionAndWritesNothing(String shell) throws Exception {
        assertEquals("", pick(shell, Map.of("STEPWISE_CDS", "off")).option());
        assertFalse(Files.exists(cds), "STEPWISE_CDS=off must not create the archive folder");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void anArchiveFolderThatCannotBeMadeGivesNoOption(String shell) throws Exception {
        Files.writeString(cds, "a file where the folder should be");
        assertEquals("", pick(shell, Map.of()).option());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void theArchiveFolderIsStepwiseCdsDirElseXdgCacheHomeElseHome(String shell) throws Exception {
        Path xdg = work.resolve("xdg");
        Path home = work.resolve("home");
        Map<String, String> env = new HashMap<>(Map.of("XDG_CACHE_HOME", xdg.toString(), "HOME", home.toString()));
        assertTrue(pick(shell, env).archive().startsWith(cds + "/"), "STEPWISE_CDS_DIR first");
        env.put("STEPWISE_CDS_DIR", "");
        assertTrue(pick(shell, env).archive().startsWith(xdg.resolve("stepwise") + "/"), "then XDG_CACHE_HOME");
        env.put("XDG_CACHE_HOME", "");
        assertTrue(pick(shell, env).archive().startsWith(home.resolve(".cache/stepwise") + "/"), "then HOME");
    }

    @Test
    void underBashStrictModeAMissingClassPathEntryStillGivesAnOptionAndTheCallerRunsOn() throws Exception {
        // scripts/stepwise runs under `set -euo pipefail`: a failing ls in the key's pipeline (here the last one, whose
        // status is the pipeline's) must not end it.
        Files.delete(lib.resolve("dep-1.0.jar"));
        Files.delete(lib);
        Pick pick = pick("bash", Map.of());
        assertTrue(pick.option().startsWith(DUMP_OPTION), pick::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sh", "bash"})
    void theCallersVariablesAndPositionalParametersAreLeftAlone(String shell) throws Exception {
        // A finished dump to adopt, so that every branch of the function runs.
        writeDump(Path.of(pick(shell, Map.of()).archive()));
        String script = "archive=mine tmp=mine pid=mine cds_dir=mine key=mine; set -- a b\n"
                + ". \"$APPCDS\"\nstepwise_appcds app-1.0 \"$JDK/bin/java\" \"$JAR\" \"$LIB\"\n"
                + "echo \"$archive $tmp $pid $cds_dir $key $# $*\"\n";
        assertEquals("mine mine mine mine mine 2 a b", run(shell, script, Map.of()).trim());
    }

    @Test
    void theLauncherWithoutItsSourcedScriptFailsWithAMessageNamingIt() throws Exception {
        Path plugin = work.resolve("broken-plugin");
        Files.createDirectories(plugin.resolve("bin"));
        Files.createDirectories(plugin.resolve("lib"));
        Path launcher = plugin.resolve("bin/stepwise-runner");
        Files.copy(ItEnv.pluginDir().resolve("bin/stepwise-runner"), launcher);
        Process p = new ProcessBuilder(launcher.toString(), "--start").directory(plugin.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("\"logLevel\":\"fatal\"") && out.contains("bin/appcds.sh"),
                "Gauge logs the launcher's stdout: it must name the missing file\n" + out);
    }

    private String archiveName(String shell, String name) throws Exception {
        String script = ". \"$APPCDS\"\nstepwise_appcds " + name + " \"$JDK/bin/java\" \"$JAR\" \"$LIB\"\n"
                + "echo \"$STEPWISE_APPCDS_OPTION\"\n";
        String option = run(shell, script, Map.of()).trim();
        return Path.of(option.substring(option.indexOf('=') + 1)).getFileName().toString()
                .replaceFirst("\\.\\d+\\.tmp$", "");
    }

    /** Sources the shipped script in {@code shell}, calls the function as the launchers do, prints its pick. */
    private Pick pick(String shell, Map<String, String> env) throws Exception {
        String script = ". \"$APPCDS\"\nstepwise_appcds app-1.0 \"$JDK/bin/java\" \"$JAR\" \"$LIB\"\n"
                + "echo \"$STEPWISE_APPCDS_OPTION\"\necho \"$$\"\n";
        String[] lines = run(shell, script, env).split("\n", -1);
        assertEquals(3, lines.length, () -> "expected the option and the pid, got " + List.of(lines));
        return new Pick(lines[0], Long.parseLong(lines[1]));
    }

    private String run(String shell, String script, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        if (shell.equals("bash")) {
            command.addAll(List.of("bash", "-c", "set -euo pipefail\n" + script));
        } else {
            command.addAll(List.of("/bin/sh", "-c", script));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("STEPWISE_") || k.equals("XDG_CACHE_HOME"));
        e.put("STEPWISE_CDS_DIR", cds.toString());
        e.put("APPCDS", ItEnv.pluginDir().resolve("bin/appcds.sh").toString());
        e.put("JDK", jdk.toString());
        e.put("JAR", jar.toString());
        e.put("LIB", lib.toString());
        e.putAll(env);
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Process p = pb.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell did not finish");
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), () -> shell + " failed: " + stderr + "\nstdout: " + out);
        assertEquals("", stderr, "the function prints nothing on stderr");
        return out;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
