package dev.stepwise.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/stepwise} starts the CLI fast: the real script, run as users run it (on the build in host/target,
 * {@code STEPWISE_NO_BUILD} so that it never rebuilds under the test), makes an AppCDS archive on the first command
 * and maps it on the next ones, with its JVM flags and the user's {@code STEPWISE_JAVA_OPTS} after them.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "scripts/stepwise is a bash script")
class CliLauncherIT {

    private static final String MAPPED_MAIN = "dev.stepwise.host.cli.Main source: shared objects file (top)";
    private static final Pattern DUMP = Pattern.compile("stepwise-host-[^/]*-\\d+\\.jsa\\.(\\d+)\\.tmp");
    private static final Pattern ARCHIVE = Pattern.compile("stepwise-host-[^/]*-\\d+\\.jsa");

    @TempDir
    Path tmp;

    /** One finished {@code scripts/stepwise} process: its pid (the JVM's, as the script execs java) and output. */
    private record Launch(long pid, int exit, String out) {
    }

    @Test
    void theFirstCommandDumpsAnArchiveThatTheNextCommandsMapWithTheScriptsFlagsAndTheUsersLast() throws Exception {
        Path cds = tmp.resolve("cds");
        Launch first = stepwise(cds, "", null);
        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().startsWith("stepwise "), first.out());
        List<Path> dumped = list(cds);
        assertEquals(1, dumped.size(), () -> "one dump expected: " + dumped);
        Matcher dump = DUMP.matcher(dumped.get(0).getFileName().toString());
        assertTrue(dump.matches(), () -> "the first command dumps to <archive>.<pid>.tmp at exit: " + dumped);
        assertEquals(first.pid(), Long.parseLong(dump.group(1)), "the dump is named by the script's pid");
        assertTrue(Files.size(dumped.get(0)) > 0);

        // %p: the JVM names the log by its own pid, which must be the script's (exec, no shell left in between).
        Launch second = stepwise(cds, "-Xlog:class+load=info:file=" + tmp.resolve("classes-%p.log"), null);
        assertEquals(0, second.exit(), second.out());
        Path classes = tmp.resolve("classes-" + second.pid() + ".log");
        assertTrue(Files.isRegularFile(classes), () -> "the script must exec java; no " + classes);
        assertEquals(first.out(), second.out(), "the archive changes nothing the CLI prints (CDS logging is off)");
        List<Path> adopted = list(cds);
        assertEquals(1, adopted.size(), adopted::toString);
        assertTrue(ARCHIVE.matcher(adopted.get(0).getFileName().toString()).matches(),
                () -> "the finished dump is renamed to the archive: " + adopted);
        assertTrue(Files.readString(classes).contains(MAPPED_MAIN),
                "the second command should load the CLI's classes from the archive; class-load log: " + classes);

        Map<String, String> flags = finalFlags(stepwise(cds, "-XX:+PrintFlagsFinal", null));
        assertEquals("1", flags.get("TieredStopAtLevel"), "C1 only for a short command");
        assertEquals("true", flags.get("UseSerialGC"));
        assertEquals("false", flags.get("UsePerfData"));
        assertEquals(adopted.get(0).toString(), flags.get("SharedArchiveFile"));

        Map<String, String> userWins = finalFlags(stepwise(cds, "-XX:TieredStopAtLevel=4 -XX:+PrintFlagsFinal", null));
        assertEquals("4", userWins.get("TieredStopAtLevel"), "STEPWISE_JAVA_OPTS comes after the script's flags");

        // The commands that go through a whole suite's events keep C2; the short ones do not.
        // (An option the command refuses: the JVM prints its flags before the CLI exits with a usage error.)
        for (String command : List.of("run", "report", "merge")) {
            Launch launch = stepwise(cds, "-XX:+PrintFlagsFinal", null, command, "--no-such-option");
            assertEquals("4", flagTable(launch).get("TieredStopAtLevel"), command + " keeps C2");
        }
        Launch refactor = stepwise(cds, "-XX:+PrintFlagsFinal", null, "refactor", "--no-such-option");
        assertEquals("1", flagTable(refactor).get("TieredStopAtLevel"), "refactor is short: C1 only");
    }

    @Test
    void withStepwiseCdsOffNoArchiveIsMadeOrMapped() throws Exception {
        Path cds = tmp.resolve("cds-off");
        Path classes = tmp.resolve("classes-off.log");
        for (int i = 0; i < 2; i++) {
            Launch run = stepwise(cds, "-Xlog:class+load=info:file=" + classes, "off");
            assertEquals(0, run.exit(), run.out());
        }
        assertFalse(Files.exists(cds), "STEPWISE_CDS=off must not create " + cds);
        String log = Files.readString(classes);
        assertTrue(log.contains("dev.stepwise.host.cli.Main source: file:"), "Main from the host jar: " + classes);
        assertFalse(log.contains("shared objects file (top)"), "nothing from an AppCDS archive: " + classes);
    }

    @Test
    void concurrentFirstCommandsAllRunAndTheNextOneMapsOneWholeArchive() throws Exception {
        Path cds = tmp.resolve("cds-concurrent");
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = tmp.resolve("concurrent-" + i + ".txt");
            outputs.add(out);
            processes.add(command(cds, "", null).redirectOutput(out.toFile()).start());
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a concurrent first command did not finish");
            String out = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.startsWith("stepwise "), out);
        }
        // Each of them may have dumped under its own pid; none of them is the archive yet.
        List<Path> dumps = list(cds);
        assertFalse(dumps.isEmpty());
        assertTrue(dumps.stream().allMatch(d -> DUMP.matcher(d.getFileName().toString()).matches()), dumps::toString);

        Path classes = tmp.resolve("classes-concurrent.log");
        Launch next = stepwise(cds, "-Xlog:class+load=info:file=" + classes, null);
        assertEquals(0, next.exit(), next.out());
        List<Path> left = list(cds);
        assertEquals(1, left.size(), () -> "the finished dumps become one archive: " + left);
        assertTrue(ARCHIVE.matcher(left.get(0).getFileName().toString()).matches(), left::toString);
        assertTrue(Files.readString(classes).contains(MAPPED_MAIN), "class-load log: " + classes);
    }

    /** {@code bash scripts/stepwise --version} to completion, with {@code STEPWISE_JAVA_OPTS} and {@code STEPWISE_CDS}. */
    private Launch stepwise(Path cds, String javaOpts, String cdsSwitch, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "stepwise", ".txt");
        Process p = command(cds, javaOpts, cdsSwitch, args).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "scripts/stepwise " + String.join(" ", args) + " did not finish");
        return new Launch(p.pid(), p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** {@code scripts/stepwise ARGS}, by default {@code --version}. */
    private static ProcessBuilder command(Path cds, String javaOpts, String cdsSwitch, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash",
                CliRuns.repo().resolve("scripts/stepwise").toString()));
        cmd.addAll(args.length == 0 ? List.of("--version") : List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("STEPWISE_NO_BUILD", "1");
        env.put("STEPWISE_CDS_DIR", cds.toString());
        env.put("STEPWISE_JAVA_OPTS", javaOpts);
        if (cdsSwitch == null) {
            env.remove("STEPWISE_CDS");
        } else {
            env.put("STEPWISE_CDS", cdsSwitch);
        }
        return pb;
    }

    /** The flags printed by {@code -XX:+PrintFlagsFinal}: name to value (empty for an empty string flag). */
    private static Map<String, String> finalFlags(Launch launch) {
        assertEquals(0, launch.exit(), launch.out());
        return flagTable(launch);
    }

    /** As {@link #finalFlags}, whatever the CLI's exit status. */
    private static Map<String, String> flagTable(Launch launch) {
        Pattern row = Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s*(\\S*)\\s+\\{.*$", Pattern.MULTILINE);
        Map<String, String> flags = new java.util.HashMap<>();
        Matcher m = row.matcher(launch.out());
        while (m.find()) {
            flags.put(m.group(1), m.group(2));
        }
        assertTrue(flags.containsKey("TieredStopAtLevel"), () -> "no flag table in:\n" + launch.out());
        return flags;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
