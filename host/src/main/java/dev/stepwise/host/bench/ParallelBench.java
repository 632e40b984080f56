package dev.stepwise.host.bench;

import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.RunHistory;
import dev.stepwise.host.execution.Sharding;
import dev.stepwise.host.execution.WorkUnit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code scripts/bench parallel}: wall time of {@code stepwise run -n 1} and {@code -n 2} on a suite whose steps sleep,
 * in both modes (a runner process per stream; one multithreaded runner), and the balance of shards (max/min of the
 * shards' total recorded time) for N = 2 and 3, dealt round-robin and balanced by recorded durations.
 */
final class ParallelBench {

    private ParallelBench() {
    }

    private static final String STEPS = """
            package bench.steps;

            import dev.stepwise.api.Step;

            public class SleepSteps {
                @Step("Sleep <ms> ms")
                public void sleep(String ms) throws InterruptedException {
                    Thread.sleep(Long.parseLong(ms));
                }
            }
            """;

    /** Spec k has {@code perSpec.apply(k)} scenarios, each one step sleeping {@code ms.apply(k, s)} ms. */
    static Path project(Path root, int specs, java.util.function.IntUnaryOperator perSpec,
                        BiFunction<Integer, Integer, Integer> ms, boolean multithreaded, Path stepApi)
            throws IOException {
        BenchSupport.deleteTree(root);
        Files.createDirectories(root.resolve("specs"));
        Files.createDirectories(root.resolve("env/default"));
        Files.writeString(root.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        Files.writeString(root.resolve("env/default/default.properties"),
                "enable_multithreading = " + multithreaded + "\n");
        for (int k = 0; k < specs; k++) {
            StringBuilder s = new StringBuilder("# Sleepy spec " + k + "\n");
            for (int i = 0; i < perSpec.applyAsInt(k); i++) {
                s.append("\n## Scenario ").append(i).append("\n\n* Sleep \"").append(ms.apply(k, i)).append("\" ms\n");
            }
            Files.writeString(root.resolve("specs").resolve(String.format(Locale.ROOT, "s%02d.spec", k)), s);
        }
        Path src = root.resolve("src/main/java/bench/steps/SleepSteps.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, STEPS);
        Generated.compile(src, root.resolve("target/classes"), stepApi);
        return root;
    }

    private record Row(String mode, int streams, long wallMillis) {
    }

    static void run(HostBench bench, Path work, Path stepApi, Path out, String command) throws Exception {
        int specs = 8;
        int perSpec = 5;
        int ms = 50;
        List<Row> rows = new ArrayList<>();
        for (boolean mt : new boolean[] {false, true}) {
            Path project = project(work.resolve(mt ? "parallel-mt" : "parallel-mp"), specs, k -> perSpec,
                    (k, i) -> ms, mt, stepApi);
            String mode = mt ? "one multithreaded runner" : "a runner process per stream";
            // Warm-up (AppCDS archive, page cache), not timed.
            BenchSupport.run(bench.cliCommand(List.of(), "run", "--project", project.toString(), "--no-reports"),
                    work.resolve("parallel-warm.out"));
            for (int n : new int[] {1, 2}) {
                Path o = work.resolve("parallel-" + (mt ? "mt" : "mp") + "-" + n + ".out");
                BenchSupport.say("stepwise run -n " + n + " (" + mode + ")");
                BenchSupport.Measured m = BenchSupport.run(bench.cliCommand(List.of(), "run", "--project",
                        project.toString(), "-n", String.valueOf(n), "--no-reports"), o);
                String text = Files.readString(o, StandardCharsets.UTF_8);
                int total = specs * perSpec;
                if (m.exit() != 0 || !text.contains(total + " executed, " + total + " passed")) {
                    throw new IllegalStateException("run failed (exit " + m.exit() + "); see " + o);
                }
                rows.add(new Row(mode, n, m.wallMillis()));
            }
        }

        // Shard balance: an uneven suite (spec k has k+1 scenarios of 20 ms), recorded once, then split.
        Path uneven = project(work.resolve("parallel-shards"), 12, k -> k + 1, (k, i) -> 20, false, stepApi);
        Path unevenOut = work.resolve("parallel-shards.out");
        BenchSupport.Measured rec = BenchSupport.run(bench.cliCommand(List.of(), "run", "--project",
                uneven.toString(), "--no-reports"), unevenOut);
        if (rec.exit() != 0) {
            throw new IllegalStateException("recording run failed; see " + unevenOut);
        }
        Path log = EventLog.latest(uneven.resolve("reports/events"));
        Map<String, Long> durations = RunHistory.durations(log, uneven, false);
        List<WorkUnit> units = new ArrayList<>();
        try (var s = Files.list(uneven.resolve("specs"))) {
            s.sorted().forEach(p -> units.add(new WorkUnit(p, "specs/" + p.getFileName(), -1, 0)));
        }
        StringBuilder shardTable = new StringBuilder("| shards | split | shard totals (ms, from recorded durations)"
                + " | max/min |\n|---:|---|---|---:|\n");
        for (int n : new int[] {2, 3}) {
            for (boolean balanced : new boolean[] {false, true}) {
                List<List<WorkUnit>> bins = Sharding.split(units, n, balanced ? durations : Map.of());
                List<Long> totals = new ArrayList<>();
                for (List<WorkUnit> b : bins) {
                    long t = 0;
                    for (WorkUnit u : b) {
                        t += durations.getOrDefault(u.key(), 0L);
                    }
                    totals.add(t);
                }
                long max = totals.stream().mapToLong(Long::longValue).max().orElse(0);
                long min = totals.stream().mapToLong(Long::longValue).min().orElse(0);
                shardTable.append(String.format(Locale.ROOT, "| %d | %s | %s | %.2f |\n", n,
                        balanced ? "`--shard-durations` (greedy largest-first)" : "round-robin (no durations)",
                        totals, min == 0 ? Double.NaN : (double) max / min));
            }
        }

        StringBuilder table = new StringBuilder("| mode | `-n` | wall time (s) | speed-up vs `-n 1` |\n"
                + "|---|---:|---:|---:|\n");
        for (Row r : rows) {
            Row base = rows.stream().filter(x -> x.mode().equals(r.mode()) && x.streams() == 1).findFirst()
                    .orElseThrow();
            table.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |\n", r.mode(), r.streams(),
                    r.wallMillis() / 1000.0, (double) base.wallMillis() / r.wallMillis()));
        }
        System.out.println();
        System.out.println(table);
        System.out.println(shardTable);
        String body = "- speed-up: " + specs + " spec files x " + perSpec + " scenarios, each one step sleeping " + ms
                + " ms (" + specs * perSpec * ms / 1000.0 + " s of sleep); `stepwise run --no-reports` (real CLI, fresh "
                + "JVM, real runner), after one untimed warm-up run; wall time includes JVM and runner start-up\n"
                + "- shard balance: 12 spec files, spec k has k+1 scenarios of 20 ms (uneven on purpose), run once to "
                + "record durations in its event log; each split's shard totals are the recorded spec durations summed "
                + "per shard (the shards are not run again)\n\n" + table + "\n" + shardTable;
        BenchSupport.append(out, "Parallel streams: speed-up of `-n 2`, and shard balance from recorded durations",
                command, body);
    }
}
