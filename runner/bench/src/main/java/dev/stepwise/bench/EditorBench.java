package dev.stepwise.bench;

import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.StepPositionsRequest;
import dev.stepwise.proto.StepPositionsResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scripts/bench editor}: the latency of {@code GetStepPositions} on a Java file with 1,000 step methods, as
 * an IDE's Gauge language server sends it. The runner is launched through its plugin launcher in LSP mode
 * ({@code GAUGE_LSP_GRPC=true}) on a generated project whose only step source is that file (not compiled: LSP mode
 * reads sources), and called over loopback gRPC. After a warm-up, each call is timed on its own; p50, p99 and max
 * are reported. Prints a Markdown table and appends it to docs/benchmarks.md. It asserts nothing.
 */
public final class EditorBench {

    private static final Pattern PORT = Pattern.compile("Listening on port:([0-9]+)");

    private EditorBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        Path work = Path.of(options.get("work")).toAbsolutePath();
        Path plugin = Path.of(options.get("plugin")).toAbsolutePath();
        int methods = Integer.parseInt(options.getOrDefault("methods", "1000"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "2000"));
        double warmupSeconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "3"));

        Path project = work.resolve("editor-" + methods);
        Path source = project.resolve("src/main/java/bench/editor/ManySteps.java");
        Fixtures.deleteTree(project);
        Files.createDirectories(source.getParent());
        Files.writeString(project.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        Files.writeString(source, manySteps(methods));

        ProcessBuilder pb = new ProcessBuilder(plugin.resolve("bin/stepwise-runner").toString(), "--start")
                .directory(plugin.toFile()).redirectErrorStream(true);
        pb.environment().put("GAUGE_PROJECT_ROOT", project.toString());
        pb.environment().put("GAUGE_INTERNAL_PORT", "0");
        pb.environment().put("GAUGE_LSP_GRPC", "true");
        pb.environment().put("STEPWISE_CDS_DIR", work.resolve("cds").toString());
        pb.environment().remove("STEPWISE_RUNNER_JAVA_OPTS");
        Process process = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        int port = -1;
        List<String> seen = new ArrayList<>();
        for (String line; port < 0 && (line = out.readLine()) != null; ) {
            seen.add(line);
            Matcher m = PORT.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
        }
        if (port < 0) {
            throw new IllegalStateException("the runner printed no port line:\n" + String.join("\n", seen));
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // Keep the pipe empty so the runner never blocks on its log.
                }
            } catch (IOException ignored) {
                // closed
            }
        });
        drain.setDaemon(true);
        drain.start();

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port)
                .negotiationType(NegotiationType.PLAINTEXT).build();
        List<Double> latencies = new ArrayList<>(calls);
        double firstMillis;
        int positions;
        try {
            RunnerGrpc.RunnerBlockingStub stub = RunnerGrpc.newBlockingStub(channel).withWaitForReady();
            StepPositionsRequest request = StepPositionsRequest.newBuilder().setFilePath(source.toString()).build();
            long t0 = System.nanoTime();
            StepPositionsResponse first = stub.withDeadlineAfter(60, TimeUnit.SECONDS).getStepPositions(request);
            firstMillis = (System.nanoTime() - t0) / 1e6;
            positions = first.getStepPositionsCount();
            if (!first.getError().isEmpty() || positions != methods) {
                throw new IllegalStateException("GetStepPositions answered " + positions + " positions, error '"
                        + first.getError() + "'; expected " + methods);
            }
            long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
            int warmCalls = 0;
            while (System.nanoTime() < warmUntil) {
                stub.getStepPositions(request);
                warmCalls++;
            }
            say("warm-up: " + warmCalls + " calls in " + warmupSeconds + " s");
            for (int i = 0; i < calls; i++) {
                long s = System.nanoTime();
                stub.getStepPositions(request);
                latencies.add((System.nanoTime() - s) / 1e6);
            }
            try {
                stub.withDeadlineAfter(5, TimeUnit.SECONDS).kill(KillProcessRequest.getDefaultInstance());
            } catch (RuntimeException e) {
                // The runner may close the connection while answering Kill.
            }
        } finally {
            channel.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }

        double p50 = percentile(latencies, 50);
        double p99 = percentile(latencies, 99);
        double max = percentile(latencies, 100);
        String table = "| measure (ms) | value | target | met |\n|---|---:|---|---|\n"
                + String.format(Locale.ROOT, "| first call (cold: file parsed and indexed) | %.2f |  |  |\n", firstMillis)
                + String.format(Locale.ROOT, "| p50 over %,d calls | %.3f |  |  |\n", calls, p50)
                + String.format(Locale.ROOT, "| p99 over %,d calls | %.3f | < 5 | %s |\n", calls, p99,
                p99 < 5 ? "yes" : "**no**")
                + String.format(Locale.ROOT, "| max over %,d calls | %.3f |  |  |\n", calls, max);
        System.out.println();
        System.out.println(table);
        String body = String.format(Locale.ROOT, "- fixture: one Java file with %,d `@Step` methods (Javadoc, a "
                + "parameter each), not compiled; runner launched by `bin/stepwise-runner --start` with "
                + "`GAUGE_LSP_GRPC=true`; %,d positions per answer; warm-up %.0f s of back-to-back calls, then %,d "
                + "calls each timed alone on one blocking stub over loopback\n\n", methods, positions, warmupSeconds,
                calls) + table;
        append(Path.of(options.get("out")), options.getOrDefault("command", "scripts/bench editor"), body);
    }

    private static String manySteps(int methods) {
        StringBuilder java = new StringBuilder("package bench.editor;\n\nimport dev.stepwise.api.Step;\n\n"
                + "/** Generated: " + methods + " step methods for the editor benchmark. */\npublic class ManySteps {\n");
        for (int i = 0; i < methods; i++) {
            java.append("\n    /** Step ").append(i).append(". */\n")
                    .append("    @Step(\"Editor step ").append(i).append(" takes <value>\")\n")
                    .append("    public void step").append(i).append("(String value) {\n")
                    .append("        System.out.println(value);\n    }\n");
        }
        return java.append("}\n").toString();
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void append(Path out, String command, String body) throws IOException, InterruptedException {
        Process version = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        String javaVersion = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor();
        String doc = "\n## Runner: `GetStepPositions` latency on a 1,000-step file, "
                + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)) + "\n\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), "
                + System.getProperty("os.name") + ' ' + System.getProperty("os.arch") + '\n'
                + "- java -version:\n\n```\n" + javaVersion + "\n```\n\n"
                + "- command: `" + command + "`\n" + body;
        Files.writeString(out, doc, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        say("appended to " + out);
    }

    private static void say(String message) {
        System.err.println("[bench] " + message);
    }
}
