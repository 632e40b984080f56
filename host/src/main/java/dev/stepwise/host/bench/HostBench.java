package dev.stepwise.host.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's benchmarks, run only by {@code scripts/bench} (nothing here is asserted by tests):
 * <ul>
 * <li>{@code host}: {@code stepwise run} end to end through the real runner on generated suites of 1,000 and 10,000
 * scenarios of 10 steps: wall time, the host JVM's peak RSS and heap, and the 10k/1k ratios; plus the parser alone
 * on 10,000 spec files.</li>
 * <li>{@code refactor}: {@code stepwise refactor} on a step used in 1,000 spec files plus its Java file.</li>
 * <li>{@code reports}: the cost of reporting, see {@link ReportsBench}.</li>
 * </ul>
 * Every measured program is the real CLI started as users start it ({@code scripts/stepwise}, with its JVM flags and
 * AppCDS archive), so its memory and start-up are what a user gets. Prints a Markdown table and appends it to
 * docs/benchmarks.md.
 */
public final class HostBench {

    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
    /** A heap (G1) or generation (Serial: young and tenured) in the JVM's heap summary at exit. */
    private static final Pattern HEAP_AT_EXIT = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Map<String, String> options;
    private final Path work;

    /** Options as on the command line, without the dashes; {@code work} is required. */
    HostBench(Map<String, String> options) {
        this.options = options;
        this.work = Path.of(require("work")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: HostBench host|refactor|reports --name value ...");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        HostBench bench = new HostBench(options);
        switch (args[0]) {
            case "host" -> bench.host();
            case "refactor" -> bench.refactor();
            case "parallel" -> ParallelBench.run(bench, bench.work, Path.of(bench.require("step-api")),
                    Path.of(bench.require("out")), bench.require("command"));
            case "reports" -> new ReportsBench(bench, options, bench.work).run();
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
    }

    String require(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** {@link #cli} for the other benchmarks of this package. */
    ProcessBuilder cliCommand(List<String> jvmOptions, String... args) {
        return cli(jvmOptions, args);
    }

    /**
     * The CLI started exactly as users start it, {@code bash scripts/stepwise ARGS} (the script's JVM flags and
     * AppCDS archive), with {@code jvmOptions} in {@code STEPWISE_JAVA_OPTS}: the script puts them after its own, so
     * they win. The script splits that variable at spaces, so an option must not hold one. The build is used as it
     * is ({@code STEPWISE_NO_BUILD}: {@code scripts/bench} has just built it, and the script must not rebuild under a
     * measurement); {@code STEPWISE_RUNNER_DIR} pins the runner to {@code --plugin}, so a runner installed under
     * {@code GAUGE_HOME} is never measured instead; the AppCDS archives (the CLI's and the runner's) are kept in the
     * work folder.
     */
    ProcessBuilder cli(List<String> jvmOptions, String... args) {
        for (String option : jvmOptions) {
            if (option.isBlank() || option.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a JVM option for STEPWISE_JAVA_OPTS must be one word without "
                        + "spaces (the script splits the variable at spaces): '" + option + "'");
            }
        }
        List<String> cmd = new ArrayList<>(List.of("bash", require("stepwise")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("STEPWISE_JAVA_OPTS", String.join(" ", jvmOptions));
        pb.environment().put("STEPWISE_NO_BUILD", "1");
        pb.environment().put("STEPWISE_RUNNER_DIR", require("plugin"));
        pb.environment().put("STEPWISE_CDS_DIR", work.resolve("cds").toString());
        return pb;
    }

    private record RunRow(int scenarios, int files, long wallMillis, long rssKb, long heapPeakMb, long heapLiveMb,
                          int gcs, long heapAtExitKb) {
    }

    private void host() throws Exception {
        Path stepApi = Path.of(require("step-api"));
        List<Integer> sizes = Stream.of(options.getOrDefault("sizes", "1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int parseFiles = Integer.parseInt(options.getOrDefault("parse-files", "10000"));
        List<RunRow> rows = new ArrayList<>();
        // A short warm-up run so the runner's AppCDS archive exists before anything is timed.
        Path warm = Generated.project(work.resolve("run-10"), 1, 10, 10, stepApi);
        BenchSupport.run(cli(List.of(), "run", "--project", warm.toString()), work.resolve("run-10.out"));
        for (int scenarios : sizes) {
            int files = Math.max(1, scenarios / 10);
            BenchSupport.say("generating " + scenarios + " scenarios (" + files + " specs x 10 x 10 steps)");
            Path project = Generated.project(work.resolve("run-" + scenarios), files, 10, 10, stepApi);
            Path gcLog = work.resolve("run-" + scenarios + ".gc.log");
            Path out = work.resolve("run-" + scenarios + ".out");
            Files.deleteIfExists(gcLog);
            BenchSupport.say("stepwise run, " + scenarios + " scenarios");
            BenchSupport.Measured m = BenchSupport.run(cli(List.of("-Xlog:gc,gc+heap+exit:file=" + gcLog),
                    "run", "--project", project.toString()), out);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            String expected = scenarios + " executed, " + scenarios + " passed";
            if (m.exit() != 0 || !text.contains(expected)) {
                throw new IllegalStateException("stepwise run on " + project + " did not pass (exit " + m.exit()
                        + "); see " + out);
            }
            long[] gc = gcStats(gcLog);
            rows.add(new RunRow(scenarios, files, m.wallMillis(), m.peakRssKb().orElse(-1), gc[0], gc[1], (int) gc[2],
                    gc[3]));
            BenchSupport.say(rows.get(rows.size() - 1).toString());
        }

        BenchSupport.say("generating " + parseFiles + " spec files for the parser");
        Path parseProject = Generated.project(work.resolve("parse-" + parseFiles), parseFiles, 10, 10, null);
        Path parseOut = work.resolve("parse-" + parseFiles + ".out");
        // The parser alone runs on this benchmark's own class path: scripts/bench starts it with the host jar and lib.
        List<String> cmd = List.of(BenchSupport.javaCommand(), "-cp", System.getProperty("java.class.path"),
                ParseOnly.class.getName(), parseProject.toString());
        BenchSupport.say("parsing " + parseFiles + " specs");
        BenchSupport.Measured parse = BenchSupport.run(new ProcessBuilder(cmd), parseOut);
        String parseLine = Files.readString(parseOut).strip();
        if (parse.exit() != 0 || !parseLine.contains("errors=0")) {
            throw new IllegalStateException("parse-only failed (exit " + parse.exit() + "): " + parseLine);
        }
        Map<String, Long> p = keyValues(parseLine);

        StringBuilder table = new StringBuilder();
        table.append("| suite | spec files | steps executed | wall time (s) | host peak RSS (MB) | host peak heap "
                + "used, before a GC (MB) | host max live heap, after a GC (MB) | GCs | heap used at exit (MB) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunRow r : rows) {
            table.append(String.format(Locale.ROOT, "| `stepwise run`, %,d scenarios x 10 steps | %,d | %,d | %.1f "
                            + "| %s | %s | %s | %d | %s |\n", r.scenarios(), r.files(), r.scenarios() * 10L,
                    r.wallMillis() / 1000.0, BenchSupport.mb(r.rssKb()), dash(r.heapPeakMb()), dash(r.heapLiveMb()),
                    r.gcs(), BenchSupport.mb(r.heapAtExitKb())));
        }
        if (rows.size() >= 2) {
            RunRow a = rows.get(0);
            RunRow b = rows.get(rows.size() - 1);
            table.append(String.format(Locale.ROOT, "| ratio %,d / %,d | %.0f | %.0f | %.2f | %.2f | %s | %s |  | "
                            + "%.2f |\n", b.scenarios(), a.scenarios(), (double) b.files() / a.files(),
                    (double) b.scenarios() / a.scenarios(), (double) b.wallMillis() / a.wallMillis(),
                    (double) b.rssKb() / a.rssKb(), ratio(b.heapPeakMb(), a.heapPeakMb()),
                    ratio(b.heapLiveMb(), a.heapLiveMb()), (double) b.heapAtExitKb() / a.heapAtExitKb()));
        }
        table.append(String.format(Locale.ROOT, "| parser only (`ParseOnly`, no runner), %,d specs | %,d | (%,d "
                        + "steps parsed) | %.1f (parse %.1f) | %s | %s (sum of heap pool peaks) |  |  |  |\n",
                p.get("specs"), p.get("specs"), p.get("steps"), parse.wallMillis() / 1000.0,
                p.get("millis") / 1000.0, BenchSupport.mb(parse.peakRssKb().orElse(-1)),
                BenchSupport.mb(p.get("heapPeakKb"))));
        System.out.println();
        System.out.println(table);
        String body = "- generated suites: spec files of 10 scenarios x 10 steps (`* Bench step K with \"value\"`, "
                + Generated.STEP_KINDS + " step texts), steps compiled with javac against the step-API jar; each "
                + "`stepwise run` is the real CLI started by `scripts/stepwise` (its JVM flags: Serial GC, C1 only, "
                + "AppCDS archive; default heap size), driving the real runner "
                + "(`runner/dist/target/stepwise-java`), console output to a file\n"
                + "- host peak RSS: `VmHWM` of the host JVM from `/proc/<pid>/status`, polled every 5 ms; heap: from "
                + "`-Xlog:gc,gc+heap+exit` (peak before a GC, max live after a GC, used at exit); the runner "
                + "process is not included\n\n" + table;
        BenchSupport.append(Path.of(require("out")), "Host: `stepwise run` memory and time as the suite grows; "
                + "10,000 specs parsed", require("command"), body);
    }

    static String dash(long v) {
        return v < 0 ? "n/a" : String.valueOf(v);
    }

    private static String ratio(long b, long a) {
        return a <= 0 || b < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) b / a);
    }

    /**
     * {max heap before a GC (MB), max heap after a GC (MB), GC count, heap used at exit (KB)} from a
     * {@code -Xlog:gc,gc+heap+exit} log; the heap at exit is the sum of its generations (one line for G1, young and
     * tenured for the Serial collector that scripts/stepwise selects); -1 where the log has no such line.
     */
    static long[] gcStats(Path log) throws IOException {
        long before = -1;
        long after = -1;
        long count = 0;
        long exit = -1;
        for (String line : Files.readAllLines(log)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (line.contains("[gc]") && m.find()) {
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                count++;
            }
            Matcher e = HEAP_AT_EXIT.matcher(line);
            if (line.contains("gc,heap,exit") && e.find()) {
                exit = Math.max(exit, 0) + Long.parseLong(e.group(1));
            }
        }
        return new long[] {before, after, count, exit};
    }

    private static Map<String, Long> keyValues(String line) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String kv : line.split("\\s+")) {
            String[] parts = kv.split("=", 2);
            if (parts.length == 2) {
                out.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return out;
    }

    private static final Pattern TIMING = Pattern.compile("written (\\d+) ms, done (\\d+) ms");

    /**
     * {@code stepwise refactor} on a step used in N spec files plus its Java file, alternating there and back, in two
     * sets: files left alone for {@code --settle-seconds} before each run (as a project's files are when someone
     * renames a step), and runs back to back, each rewriting what the previous one wrote a second or two before.
     */
    private void refactor() throws Exception {
        int files = Integer.parseInt(options.getOrDefault("files", "1000"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int settleSeconds = Integer.parseInt(options.getOrDefault("settle-seconds", "40"));
        Path project = refactorProject(work.resolve("refactor-" + files), files);
        String a = "Bench rename <first> and <second>";
        String b = "Renamed bench step <second> then <first> with <third>";
        String[][] directions = {{a, b}, {b, "Bench rename <first> and <second>"}};
        // The way back drops <third>: each pair of runs restores the fixture exactly.
        // One untimed round trip warms the AppCDS archives and the file cache.
        for (String[] d : directions) {
            refactorOnce(project, d, files, null);
        }
        int done = 0;
        RefactorTimes settled = new RefactorTimes();
        if (settleSeconds > 0) {
            for (int i = 0; i < runs; i++) {
                BenchSupport.say("waiting " + settleSeconds + " s so the files settle");
                Thread.sleep(settleSeconds * 1000L);
                refactorOnce(project, directions[done++ % 2], files, settled);
            }
        }
        RefactorTimes backToBack = new RefactorTimes();
        for (int i = 0; i < runs; i++) {
            refactorOnce(project, directions[done++ % 2], files, backToBack);
        }
        if (done % 2 == 1) {
            refactorOnce(project, directions[1], files, null);
        }
        StringBuilder table = new StringBuilder();
        table.append("| `stepwise refactor` on ").append(String.format(Locale.ROOT, "%,d", files))
                .append(" spec files + the Java file (ms) | process start to exit, median | max | command start to "
                        + "files written, median | target | met |\n|---|---:|---:|---:|---|---|\n");
        if (settleSeconds > 0) {
            double med = BenchSupport.percentile(settled.wall, 50);
            table.append(String.format(Locale.ROOT, "| files last written %d s or more before (the usual case) | %.0f "
                            + "| %.0f | %.0f | < 2,000 | %s |\n", settleSeconds, med,
                    BenchSupport.percentile(settled.wall, 100), BenchSupport.percentile(settled.written, 50),
                    med < 2000 ? "yes" : "**no**"));
        }
        table.append(String.format(Locale.ROOT, "| back to back: each run rewrites the files the previous run wrote "
                        + "~2 s before | %.0f | %.0f | %.0f |  |  |\n", BenchSupport.percentile(backToBack.wall, 50),
                BenchSupport.percentile(backToBack.wall, 100), BenchSupport.percentile(backToBack.written, 50)));
        System.out.println();
        System.out.println(table);
        String body = "- fixture: " + String.format(Locale.ROOT, "%,d", files) + " spec files, each using the step "
                + "twice (static and dynamic arguments), plus one Java source with the step and 20 "
                + "others; runs alternate `" + a + "` -> `" + b + "` (reorder + new parameter) and back, the real "
                + "CLI in a fresh JVM each time, after one untimed round trip; " + runs + " timed runs per set"
                + (settleSeconds > 0 ? ", the first set waiting " + settleSeconds + " s before each run" : "")
                + "\n- load average (1, 5, 15 min) at the end: " + BenchSupport.loadAverage() + "\n\n" + table;
        BenchSupport.append(Path.of(require("out")), "Host: `stepwise refactor` over " + files + " spec files",
                require("command"), body);
    }

    /** Milliseconds of timed refactor runs. */
    private static final class RefactorTimes {
        final List<Double> wall = new ArrayList<>();
        final List<Double> written = new ArrayList<>();
    }

    private void refactorOnce(Path project, String[] direction, int files, RefactorTimes times)
            throws IOException, InterruptedException {
        Path out = work.resolve("refactor.out");
        BenchSupport.Measured m = BenchSupport.run(cli(List.of(), "refactor", "--timing", "--project",
                project.toString(), direction[0], direction[1]), out);
        String text = Files.readString(out);
        if (m.exit() != 0 || !text.contains("changed " + (files + 1) + " file(s)")) {
            throw new IllegalStateException("stepwise refactor failed (exit " + m.exit() + "):\n" + text);
        }
        Matcher t = TIMING.matcher(text);
        if (times != null && t.find()) {
            times.wall.add((double) m.wallMillis());
            times.written.add(Double.parseDouble(t.group(1)));
        }
        BenchSupport.say("refactor " + m.wallMillis() + " ms" + (t.find(0) ? " (" + t.group() + ")" : ""));
    }

    private static Path refactorProject(Path root, int files) throws IOException {
        BenchSupport.deleteTree(root);
        Files.createDirectories(root.resolve("specs"));
        Files.writeString(root.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        for (int f = 0; f < files; f++) {
            Files.writeString(root.resolve("specs").resolve(String.format(Locale.ROOT, "spec%05d.spec", f)),
                    "# Spec " + f + "\n\n## Uses the step\n\n* Bench other step 1\n"
                            + "* Bench rename \"a" + f + "\" and <second>\n"
                            + "* Bench other step 2\n\n## Again\n\n* Bench rename \"x\" and \"y\"\n",
                    StandardCharsets.UTF_8);
        }
        StringBuilder java = new StringBuilder("package bench.steps;\n\nimport dev.stepwise.api.Step;\n\n"
                + "/** Steps for the refactor benchmark. */\npublic class RenameSteps {\n\n"
                + "    /** The step renamed back and forth. */\n"
                + "    @Step(\"Bench rename <first> and <second>\")\n"
                + "    public void rename(String first, String second) {\n        // keep me\n    }\n");
        for (int i = 0; i < 20; i++) {
            java.append("\n    @Step(\"Bench other step ").append(i).append("\")\n    public void other").append(i)
                    .append("() {\n    }\n");
        }
        java.append("}\n");
        Path src = root.resolve("src/main/java/bench/steps/RenameSteps.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, java);
        return root;
    }
}
