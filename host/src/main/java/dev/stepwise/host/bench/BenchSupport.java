package dev.stepwise.host.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the host benchmarks share: child processes watched for peak RSS, statistics, and the report file. */
final class BenchSupport {

    private BenchSupport() {
    }

    /**
     * A finished child process: exit code, wall time and the peak RSS seen in /proc (empty off Linux), plus the peak
     * RSS of each watched descendant, keyed by the fragment of its command line that was asked for (a fragment that
     * matched no descendant is absent).
     */
    record Measured(int exit, long wallMillis, OptionalLong peakRssKb, Map<String, Long> descendantPeakRssKb) {
        Measured {
            descendantPeakRssKb = Map.copyOf(descendantPeakRssKb);
        }
    }

    /**
     * Runs a command to completion, polling {@code /proc/<pid>/status} for {@code VmHWM} (the kernel's high-water
     * mark of resident memory, so a poll at any time after the peak still sees it; only the growth in the last poll
     * interval before exit can be missed).
     */
    static Measured run(ProcessBuilder pb, Path stdout) throws IOException, InterruptedException {
        return run(pb, stdout, List.of());
    }

    /**
     * {@link #run(ProcessBuilder, Path)}, also watching the process's descendants (the runner a host starts, its
     * plugins): the peak {@code VmHWM} of every descendant whose command line ({@code /proc/<pid>/cmdline}) contains
     * one of {@code fragments}, such as a main class name. Several processes matching one fragment report the
     * largest. A descendant that lives less than a poll interval (20 ms) can be missed.
     */
    static Measured run(ProcessBuilder pb, Path stdout, List<String> fragments)
            throws IOException, InterruptedException {
        pb.redirectErrorStream(true).redirectOutput(stdout.toFile());
        long start = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        long peak = -1;
        Map<String, Long> descendantPeaks = new HashMap<>();
        long interval = fragments.isEmpty() ? 5 : 20;
        try {
            while (!p.waitFor(interval, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, vmHwm(status));
                if (!fragments.isEmpty()) {
                    p.descendants().forEach(d -> watch(d.pid(), fragments, descendantPeaks));
                }
            }
        } finally {
            if (p.isAlive()) {
                // Interrupted (a test's time-out): leave no host, runner or plugin behind.
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        return new Measured(p.exitValue(), wall, peak > 0 ? OptionalLong.of(peak) : OptionalLong.empty(),
                descendantPeaks);
    }

    private static void watch(long pid, List<String> fragments, Map<String, Long> peaks) {
        String commandLine;
        try {
            commandLine = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return; // it ended between the listing and this read
        }
        for (String fragment : fragments) {
            if (commandLine.contains(fragment)) {
                long kb = vmHwm(Path.of("/proc", String.valueOf(pid), "status"));
                if (kb > 0) {
                    peaks.merge(fragment, kb, Math::max);
                }
            }
        }
    }

    private static long vmHwm(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between polls, or this is not Linux.
        }
        return -1;
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Appends a dated section with the machine, {@code java -version}, the command and the body. */
    static void append(Path out, String title, String command, String body) throws IOException, InterruptedException {
        Process version = new ProcessBuilder(javaCommand(), "-version").redirectErrorStream(true).start();
        String javaVersion = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor();
        StringBuilder doc = new StringBuilder();
        if (!Files.exists(out)) {
            doc.append("# Benchmarks\n\nAppended by `scripts/bench`; newest last. Timings are wall-clock on the machine "
                    + "named in each entry.\n");
        }
        doc.append("\n## ").append(title).append(", ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)))
                .append("\n\n- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n')
                .append("- java -version:\n\n```\n").append(javaVersion).append("\n```\n\n")
                .append("- command: `").append(command).append("`\n")
                .append(body);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, doc, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        say("appended to " + out);
    }

    /** The load average over 1, 5 and 15 minutes ("0.12 0.30 0.41"), or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void say(String message) {
        System.err.println("[bench] " + message);
    }
}
