package dev.stepwise.host.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code scripts/bench reports}: what reporting costs a run (issue 5, "Memory and speed").
 * <ul>
 * <li>Wall time of {@code stepwise run} on a generated suite (default 2,000 scenarios x 10 steps) in four setups:
 * no plugins and {@code --no-reports} (the event log is still written), the three built-in reports, three
 * out-of-process plugins (copies of reporter-sdk-example's plugin folder under three ids in a temp
 * {@code STEPWISE_HOME}, listed in the manifest's {@code Plugins}, built-ins off), and both. Setups are run in
 * interleaved rounds and the median per setup is compared with the baseline; target: under 10% slower.</li>
 * <li>The host's peak memory on 10,000 scenarios, with {@code --no-reports} and with the built-in reports:
 * {@code VmHWM} and the heap from the GC log, as {@link HostBench} measures them.</li>
 * </ul>
 */
final class ReportsBench {
    private static final List<String> PLUGIN_IDS = List.of("bench-reporter-a", "bench-reporter-b", "bench-reporter-c");

    private final HostBench host;
    private final Map<String, String> options;
    private final Path work;

    ReportsBench(HostBench host, Map<String, String> options, Path work) {
        this.host = host;
        this.options = options;
        this.work = work;
    }

    private record Setup(String name, boolean builtIns, boolean plugins) {
    }

    private static final List<Setup> SETUPS = List.of(
            new Setup("no plugins, `--no-reports` (baseline)", false, false),
            new Setup("3 built-in reports (JUnit XML, JSON, HTML)", true, false),
            new Setup("3 out-of-process plugins (reporter-sdk-example), `--no-reports`", false, true),
            new Setup("3 built-in reports + 3 plugins", true, true));

    void run() throws Exception {
        Path stepApi = Path.of(host.require("step-api"));
        Path examplePlugin = Path.of(host.require("example-plugin"));
        int scenarios = Integer.parseInt(options.getOrDefault("scenarios", "2000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int memoryScenarios = Integer.parseInt(options.getOrDefault("memory-scenarios", "10000"));
        String loadBefore = BenchSupport.loadAverage();

        Path home = installPlugins(examplePlugin, work.resolve("reports-home"), PLUGIN_IDS);
        // Untimed warm-up: each setup once on a small suite, so the AppCDS archives of the CLI, the runner and each
        // plugin copy are made (a first launch writes its archive as it exits) before anything is timed.
        Path warm = Generated.project(work.resolve("run-10"), 1, 10, 10, stepApi);
        for (Setup setup : SETUPS) {
            timedRun(warm, 10, setup, home, List.of(), work.resolve("run-10.out"));
        }

        Path project = Generated.project(work.resolve("run-" + scenarios), Math.max(1, scenarios / 10), 10, 10, stepApi);
        Map<Setup, List<Double>> wall = new LinkedHashMap<>();
        SETUPS.forEach(s -> wall.put(s, new ArrayList<>()));
        for (int round = 1; round <= rounds; round++) {
            for (Setup setup : SETUPS) {
                long ms = timedRun(project, scenarios, setup, home, List.of(), work.resolve("reports-run.out"))
                        .wallMillis();
                wall.get(setup).add((double) ms);
                BenchSupport.say("round " + round + ", " + setup.name() + ": " + ms + " ms");
            }
        }

        Path big = Generated.project(work.resolve("run-" + memoryScenarios), Math.max(1, memoryScenarios / 10), 10,
                10, stepApi);
        List<String> memoryRows = new ArrayList<>();
        for (Setup setup : List.of(SETUPS.get(0), SETUPS.get(1))) {
            Path gcLog = work.resolve("reports-memory.gc.log");
            Files.deleteIfExists(gcLog);
            BenchSupport.say("memory, " + memoryScenarios + " scenarios, " + setup.name());
            BenchSupport.Measured m = timedRun(big, memoryScenarios, setup, home,
                    List.of("-Xlog:gc,gc+heap+exit:file=" + gcLog), work.resolve("reports-memory.out"));
            long[] gc = HostBench.gcStats(gcLog);
            memoryRows.add(String.format(Locale.ROOT, "| %s | %.1f | %s | %s | %s | %d | %s |", setup.name(),
                    m.wallMillis() / 1000.0, BenchSupport.mb(m.peakRssKb().orElse(-1)), HostBench.dash(gc[0]),
                    HostBench.dash(gc[1]), gc[2], BenchSupport.mb(gc[3])));
        }
        String loadAfter = BenchSupport.loadAverage();

        double base = BenchSupport.percentile(wall.get(SETUPS.get(0)), 50);
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "| `stepwise run`, %,d scenarios x 10 steps | wall time, median of "
                + "%d, nearest rank (s) | min (s) | max (s) | ratio to baseline | target | met |\n", scenarios, rounds))
                .append("|---|---:|---:|---:|---:|---|---|\n");
        for (Setup setup : SETUPS) {
            List<Double> t = wall.get(setup);
            double median = BenchSupport.percentile(t, 50);
            double ratio = median / base;
            boolean targeted = setup != SETUPS.get(0);
            table.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.3f | %s | %s |\n", setup.name(),
                    median / 1000, BenchSupport.percentile(t, 0) / 1000, BenchSupport.percentile(t, 100) / 1000,
                    ratio, targeted ? "< 1.10" : "", targeted ? (ratio < 1.10 ? "yes" : "**no**") : ""));
        }
        table.append(String.format(Locale.ROOT, "\n| host memory, `stepwise run` of %,d scenarios x 10 steps | wall "
                + "time (s) | host peak RSS, VmHWM (MB) | peak heap used, before a GC (MB) | max live heap, after a "
                + "GC (MB) | GCs | heap used at exit (MB) |\n", memoryScenarios))
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        memoryRows.forEach(r -> table.append(r).append('\n'));
        System.out.println();
        System.out.println(table);
        String body = "- suites: generated as for `scripts/bench host` (spec files of 10 scenarios x 10 steps, "
                + "steps compiled against the step-API jar, the real runner); each run is the real CLI started by "
                + "`scripts/stepwise` (its JVM flags: Serial GC, C1 only, AppCDS archive; default heap size), console "
                + "output to a file; the event log is written in every "
                + "setup\n"
                + "- plugins: `reporter-sdk-example/target/plugin` copied to `<STEPWISE_HOME>/plugins/<id>/0.1.0/` "
                + "as " + String.join(", ", PLUGIN_IDS) + " (`id` changed in plugin.json, and the launcher sets its "
                + "own `gauge_reports_dir` so the copies do not write the same summary file), listed in the "
                + "manifest's `Plugins`; each is its own JVM, started by the host and killed at the end, and its "
                + "run-time is inside the host's wall time\n"
                + "- timing: one untimed warm-up run of each setup on 10 scenarios, then " + rounds + " rounds running the four setups in turn\n"
                + "- memory: the host JVM only (not the runner or plugins): `VmHWM` polled every 5 ms, heap from "
                + "`-Xlog:gc,gc+heap+exit`\n"
                + "- load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter + " ("
                + Runtime.getRuntime().availableProcessors() + " CPUs)\n\n" + table;
        BenchSupport.append(Path.of(host.require("out")), "Host: the cost of reporting (built-in reports, "
                + "out-of-process plugins) and peak memory with reports on", host.require("command"), body);
    }

    /** One {@code stepwise run}, checked to have passed every scenario and written what the setup asks for. */
    private BenchSupport.Measured timedRun(Path project, int scenarios, Setup setup, Path home, List<String> jvm,
                                           Path out) throws IOException, InterruptedException {
        String plugins = setup.plugins() ? String.join(", ", PLUGIN_IDS.stream().map(id -> "\"" + id + "\"").toList())
                : "";
        Files.writeString(project.resolve("manifest.json"),
                "{\"Language\": \"stepwise-java\", \"Plugins\": [" + plugins + "]}\n");
        Path reports = project.resolve("reports");
        BenchSupport.deleteTree(reports);
        List<String> args = new ArrayList<>(List.of("run"));
        if (!setup.builtIns()) {
            args.add("--no-reports");
        }
        args.addAll(List.of("--project", project.toString()));
        ProcessBuilder pb = host.cli(jvm, args.toArray(new String[0]));
        pb.environment().put("STEPWISE_HOME", home.toString());
        BenchSupport.Measured m = BenchSupport.run(pb, out);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        String expected = scenarios + " executed, " + scenarios + " passed";
        if (m.exit() != 0 || !text.contains(expected) || text.contains("Reporter failed")) {
            throw new IllegalStateException("stepwise run (" + setup.name() + ") on " + project + " did not pass "
                    + "cleanly (exit " + m.exit() + "); see " + out);
        }
        if (setup.builtIns() != Files.isRegularFile(reports.resolve("json-report/report.ndjson"))
                || setup.builtIns() != Files.isRegularFile(reports.resolve("html-report/index.html"))) {
            throw new IllegalStateException("built-in reports " + (setup.builtIns() ? "missing" : "written") + " in "
                    + reports);
        }
        if (setup.plugins()) {
            for (String id : PLUGIN_IDS) {
                Path summary = reports.resolve(id).resolve("example/summary.txt");
                if (!Files.isRegularFile(summary)
                        || !Files.readString(summary).contains("passed: " + scenarios + "\n")) {
                    throw new IllegalStateException("the example plugin " + id + " wrote no complete summary: "
                            + summary);
                }
            }
        }
        return m;
    }

    /**
     * Copies of the example plugin, one under each of {@code ids}, in a fresh STEPWISE_HOME; each writes its summary
     * to {@code <gauge_reports_dir>/<id>/example/summary.txt}.
     */
    static Path installPlugins(Path examplePlugin, Path home, List<String> ids) throws IOException {
        if (!Files.isRegularFile(examplePlugin.resolve("plugin.json"))) {
            throw new IllegalStateException("no plugin.json in " + examplePlugin + ": build reporter-sdk-example");
        }
        BenchSupport.deleteTree(home);
        String descriptor = Files.readString(examplePlugin.resolve("plugin.json"), StandardCharsets.UTF_8);
        for (String id : ids) {
            Path dir = home.resolve("plugins").resolve(id).resolve("0.1.0");
            copyTree(examplePlugin, dir);
            String renamed = descriptor.replaceFirst("\"id\"\\s*:\\s*\"[^\"]*\"", "\"id\": \"" + id + "\"");
            if (renamed.equals(descriptor)) {
                throw new IllegalStateException("no \"id\" in " + examplePlugin.resolve("plugin.json"));
            }
            Files.writeString(dir.resolve("plugin.json"), renamed, StandardCharsets.UTF_8);
            // The copies would all write reports/example/summary.txt and race on its temp file: each gets its own
            // reports folder (the plugin reads gauge_reports_dir, which the host passes to every plugin alike).
            Path launcher = dir.resolve("bin/example-reporter");
            String script = Files.readString(launcher, StandardCharsets.UTF_8);
            String line = "gauge_reports_dir=\"\\${gauge_reports_dir:-reports}/" + id + "\"; export gauge_reports_dir";
            Files.writeString(launcher, script.replaceFirst("\n", "\n" + line + "\n"), StandardCharsets.UTF_8);
        }
        return home;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

}
