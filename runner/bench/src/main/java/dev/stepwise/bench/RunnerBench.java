package dev.stepwise.bench;

import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.ScenarioDataStoreInitRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.SpecDataStoreInitRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.StepInfo;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.proto.SuiteDataStoreInitRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code scripts/bench runner}: launches our runner (through its plugin launcher), gauge-java
 * 0.13.0 (as Gauge's java plugin runs it) and a floor server (a bare gRPC Runner in a JVM with our
 * launcher's flags and its own AppCDS archive), each exactly as Gauge does: working directory,
 * GAUGE_PROJECT_ROOT, stdout read until the port line. All three are driven by one client.
 *
 * <p>Measures, in one run: process start to port line and to the first answered RPC
 * (GetStepNames), median of N launches, with 2 and 5,000 steps; and step cycles per second
 * (StartStepExecution + ExecuteStep + FinishStepExecution on a no-op step). Prints a Markdown
 * table and appends it to docs/benchmarks.md. It asserts nothing.
 */
public final class RunnerBench {

    private static final Pattern PORT = Pattern.compile("Listening on port:([0-9]+)");

    private final Map<String, String> options;
    private final Path work;
    private final int launches;
    private final double cycleSeconds;
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final List<String> notes = new ArrayList<>();

    private RunnerBench(Map<String, String> options) {
        this.options = options;
        this.work = Path.of(require("work")).toAbsolutePath();
        this.launches = Integer.parseInt(options.getOrDefault("launches", "5"));
        this.cycleSeconds = Double.parseDouble(options.getOrDefault("cycle-seconds", "5"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        RunnerBench bench = new RunnerBench(options);
        try {
            bench.run();
        } finally {
            bench.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private String require(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** One kind of runner process and how to launch it for a fixture. */
    private interface Target {
        String name();

        ProcessBuilder command(Path fixture);
    }

    private record Launcher(String name, Path pluginDir, Path cdsDir) implements Target {
        @Override
        public ProcessBuilder command(Path fixture) {
            ProcessBuilder pb = new ProcessBuilder(pluginDir.resolve("bin/stepwise-runner").toString(), "--start")
                    .directory(pluginDir.toFile());
            pb.environment().put("GAUGE_PROJECT_ROOT", fixture.toString());
            pb.environment().put("GAUGE_INTERNAL_PORT", "0");
            pb.environment().put("STEPWISE_CDS_DIR", cdsDir.toString());
            pb.environment().remove("gauge_custom_classpath");
            pb.environment().remove("STEPWISE_RUNNER_JAVA_OPTS");
            return pb;
        }
    }

    private record GaugeJava(Path lib, Path java) implements Target {
        @Override
        public String name() {
            return "gauge-java 0.13.0";
        }

        @Override
        public ProcessBuilder command(Path fixture) {
            Path classes = fixture.resolve("target/classes");
            // What Gauge's java plugin runs: the runtime on its libs plus the project's classes.
            ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp",
                    lib.resolve("*") + File.pathSeparator + classes,
                    "com.thoughtworks.gauge.GaugeRuntime", "--start")
                    .directory(lib.toFile());
            pb.environment().put("GAUGE_PROJECT_ROOT", fixture.toString());
            pb.environment().put("GAUGE_INTERNAL_PORT", "0");
            pb.environment().put("gauge_custom_classpath", classes.toString());
            return pb;
        }
    }

    /** A launched process with its port, or why it has none. */
    private static final class Launched implements AutoCloseable {
        final Process process;
        final long startNanos;
        final CompletableFuture<Long> portAt = new CompletableFuture<>();
        volatile int port;
        final Deque<String> tail = new ArrayDeque<>();

        Launched(ProcessBuilder pb) throws IOException {
            startNanos = System.nanoTime();
            process = pb.start();
            drain(process.getInputStream(), true);
            drain(process.getErrorStream(), false);
        }

        private void drain(InputStream in, boolean stdout) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        long now = System.nanoTime();
                        Matcher m = PORT.matcher(line);
                        if (m.find() && !portAt.isDone()) {
                            port = Integer.parseInt(m.group(1));
                            portAt.complete(now);
                        }
                        synchronized (tail) {
                            tail.addLast((stdout ? "out| " : "err| ") + line);
                            if (tail.size() > 40) {
                                tail.removeFirst();
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // closed
                }
                portAt.completeExceptionally(new IOException("stream closed before the port line"));
            });
            t.setDaemon(true);
            t.start();
        }

        String tail() {
            synchronized (tail) {
                return String.join("\n", tail);
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive() && !process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port)
                .eventLoopGroup(group)
                .channelType(NioSocketChannel.class)
                .negotiationType(NegotiationType.PLAINTEXT)
                .directExecutor()
                .maxInboundMessageSize(1 << 30)
                .build();
    }

    private static void shutdown(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One launch: ms to port line, ms to the first answered RPC, ms from sending Kill to the process's exit. */
    private double[] launchOnce(Target target, Path fixture, long timeoutSeconds) throws Exception {
        try (Launched p = new Launched(target.command(fixture))) {
            long portAt;
            try {
                portAt = p.portAt.get(timeoutSeconds, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.process.destroyForcibly();
                throw new IllegalStateException(target.name() + " printed no port line within " + timeoutSeconds
                        + " s (" + e + "); last output:\n" + p.tail());
            }
            ManagedChannel channel = channel(p.port);
            try {
                RunnerGrpc.RunnerBlockingStub stub = RunnerGrpc.newBlockingStub(channel);
                stub.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS).getStepNames(StepNamesRequest.getDefaultInstance());
                long rpcAt = System.nanoTime();
                long killAt = System.nanoTime();
                kill(stub);
                if (!p.process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(target.name() + " did not exit within 30 s of Kill");
                }
                long exitAt = System.nanoTime();
                return new double[] {(portAt - p.startNanos) / 1e6, (rpcAt - p.startNanos) / 1e6,
                        (exitAt - killAt) / 1e6};
            } finally {
                shutdown(channel);
            }
        }
    }

    private static void kill(RunnerGrpc.RunnerBlockingStub stub) {
        try {
            stub.withDeadlineAfter(30, TimeUnit.SECONDS).kill(KillProcessRequest.getDefaultInstance());
        } catch (RuntimeException e) {
            // gauge-java may drop the connection while answering Kill; the process exits either way
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static ExecutionInfo info(ExecuteStepRequest step) {
        ExecutionInfo.Builder b = ExecutionInfo.newBuilder().setProjectName("bench").setNumberOfExecutionStreams(1)
                .setCurrentSpec(SpecInfo.newBuilder().setName("Bench").setFileName("/bench/bench.spec"))
                .setCurrentScenario(ScenarioInfo.newBuilder().setName("Cycles"));
        if (step != null) {
            b.setCurrentStep(StepInfo.newBuilder().setStep(step));
        }
        return b.build();
    }

    /** Cycles per second of StartStepExecution+ExecuteStep+FinishStepExecution on the no-op step. */
    private double cycles(Target target, Path fixture, boolean bare) throws Exception {
        try (Launched p = new Launched(target.command(fixture))) {
            try {
                p.portAt.get(300, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.process.destroyForcibly();
                throw new IllegalStateException(target.name() + " printed no port line (" + e + "); last output:\n" + p.tail());
            }
            ManagedChannel channel = channel(p.port);
            try {
                RunnerGrpc.RunnerBlockingStub stub = RunnerGrpc.newBlockingStub(channel);
                ExecuteStepRequest step = ExecuteStepRequest.newBuilder()
                        .setParsedStepText("noop").setActualStepText("noop").build();
                ExecutionInfo withStep = info(step);
                if (!bare) {
                    // What Gauge sends before the first step of a scenario.
                    stub.getStepNames(StepNamesRequest.getDefaultInstance());
                    stub.initializeSuiteDataStore(SuiteDataStoreInitRequest.getDefaultInstance());
                    stub.startExecution(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null)).build());
                    stub.initializeSpecDataStore(SpecDataStoreInitRequest.getDefaultInstance());
                    stub.startSpecExecution(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null)).build());
                    stub.initializeScenarioDataStore(ScenarioDataStoreInitRequest.getDefaultInstance());
                    stub.startScenarioExecution(ScenarioExecutionStartingRequest.newBuilder()
                            .setCurrentExecutionInfo(info(null)).build());
                }
                StepExecutionStartingRequest start = StepExecutionStartingRequest.newBuilder()
                        .setCurrentExecutionInfo(withStep).build();
                StepExecutionEndingRequest end = StepExecutionEndingRequest.newBuilder()
                        .setCurrentExecutionInfo(withStep).build();
                ExecutionStatusResponse first = stub.executeStep(step);
                if (first.getExecutionResult().getFailed()) {
                    throw new IllegalStateException(target.name() + " failed the no-op step: "
                            + first.getExecutionResult().getErrorMessage() + "\n" + p.tail());
                }
                long warmUntil = System.nanoTime() + (long) (Math.min(2.0, cycleSeconds) * 1e9);
                while (System.nanoTime() < warmUntil) {
                    stub.startStepExecution(start);
                    stub.executeStep(step);
                    stub.finishStepExecution(end);
                }
                long count = 0;
                long begin = System.nanoTime();
                long until = begin + (long) (cycleSeconds * 1e9);
                long now;
                do {
                    stub.startStepExecution(start);
                    stub.executeStep(step);
                    stub.finishStepExecution(end);
                    count++;
                    now = System.nanoTime();
                } while (now < until);
                if (!bare) {
                    stub.finishExecution(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null)).build());
                }
                kill(stub);
                return count / ((now - begin) / 1e9);
            } finally {
                shutdown(channel);
            }
        }
    }

    private void run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path cds = work.resolve("cds");
        Fixtures.deleteTree(cds); // every run starts from a cold cache and makes its own archives
        Files.createDirectories(cds);

        Target ours = new Launcher("stepwise", Path.of(require("plugin")).toAbsolutePath(), cds);
        Target floor = new Launcher("floor", floorFolder(Path.of(require("plugin")), "floor-plugin", false), cds);
        Target floorHandOff = new Launcher("floor+hand-off",
                floorFolder(Path.of(require("plugin")), "floor-handoff-plugin", true), cds);
        Path gaugeLib = Path.of(require("gauge-java-lib")).toAbsolutePath();
        Path gaugeJar = gaugeLib.resolve("gauge-java-0.13.0.jar");
        String gaugeProblem = Files.isRegularFile(gaugeJar) ? null
                : "gauge-java was not fetched: " + gaugeJar + " is missing (" + options.getOrDefault("gauge-java-error",
                        "scripts/bench fetches it with mvn -f runner/bench/gauge-java/pom.xml package") + ")";
        Target gauge = new GaugeJava(gaugeLib, java);

        Path stepApi = Path.of(require("step-api")).toAbsolutePath();
        Map<Integer, Path> oursFixture = new LinkedHashMap<>();
        Map<Integer, Path> gaugeFixture = new LinkedHashMap<>();
        for (int steps : new int[] {2, 5000}) {
            say("generating and compiling the " + steps + "-step fixtures");
            oursFixture.put(steps, Fixtures.create(work.resolve("fixtures/stepwise-" + steps), Fixtures.Flavour.STEPWISE,
                    steps, stepApi));
            if (gaugeProblem == null) {
                gaugeFixture.put(steps, Fixtures.create(work.resolve("fixtures/gauge-java-" + steps),
                        Fixtures.Flavour.GAUGE_JAVA, steps, gaugeJar));
            }
        }

        // Warm-up, not measured: the client's classes and JIT, and the AppCDS archives (the first
        // launch of each launcher dumps one, the second adopts it).
        say("warming up (client, AppCDS archives)");
        for (int i = 0; i < 3; i++) {
            launchOnce(floor, oursFixture.get(2), 60);
            launchOnce(ours, oursFixture.get(2), 60);
        }
        if (gaugeProblem == null) {
            try {
                launchOnce(gauge, gaugeFixture.get(2), 120);
            } catch (IllegalStateException e) {
                gaugeProblem = "gauge-java could not be launched: " + e.getMessage();
            }
        }
        if (gaugeProblem != null) {
            say(gaugeProblem);
            notes.add(gaugeProblem);
        }

        Map<String, double[]> startup = new LinkedHashMap<>(); // key "target/steps" -> {port, rpc, kill to exit}
        for (int steps : new int[] {2, 5000}) {
            Map<String, List<double[]>> samples = new LinkedHashMap<>();
            for (int i = 0; i < launches; i++) {
                say("launch " + (i + 1) + "/" + launches + " with " + steps + " steps");
                // Interleaved, so drift on the machine spreads evenly over the three.
                samples.computeIfAbsent("floor", k -> new ArrayList<>()).add(launchOnce(floor, oursFixture.get(steps), 60));
                samples.computeIfAbsent("stepwise", k -> new ArrayList<>()).add(launchOnce(ours, oursFixture.get(steps), 60));
                if (gaugeProblem == null) {
                    try {
                        samples.computeIfAbsent("gauge", k -> new ArrayList<>()).add(launchOnce(gauge, gaugeFixture.get(steps), 300));
                    } catch (IllegalStateException e) {
                        gaugeProblem = "gauge-java failed with " + steps + " steps: " + e.getMessage();
                        notes.add(gaugeProblem);
                        say(gaugeProblem);
                    }
                }
            }
            for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
                List<Double> port = e.getValue().stream().map(a -> a[0]).toList();
                List<Double> rpc = e.getValue().stream().map(a -> a[1]).toList();
                List<Double> exit = e.getValue().stream().map(a -> a[2]).toList();
                startup.put(e.getKey() + "/" + steps, new double[] {median(port), median(rpc), median(exit)});
                say(String.format(Locale.ROOT, "  %-8s %5d steps: port %s ms, first RPC %s ms, Kill to exit %s ms",
                        e.getKey(), steps, fmtList(port), fmtList(rpc), fmtList(exit)));
            }
        }

        // One launch's cycle rate varies a lot from the next (5,200-8,500/s for the same runner here), so each target
        // gets `launches` launches, interleaved so drift on the machine spreads evenly, and the median counts.
        say("step cycles, " + cycleSeconds + " s each after warm-up, " + launches + " launches per target");
        Map<String, List<Double>> cycleSamples = new LinkedHashMap<>();
        for (int i = 0; i < launches; i++) {
            cycleSamples.computeIfAbsent("stepwise", k -> new ArrayList<>()).add(cycles(ours, oursFixture.get(2), false));
            cycleSamples.computeIfAbsent("floor", k -> new ArrayList<>()).add(cycles(floor, oursFixture.get(2), true));
            cycleSamples.computeIfAbsent("floor+hand-off", k -> new ArrayList<>())
                    .add(cycles(floorHandOff, oursFixture.get(2), true));
            if (gaugeProblem == null) {
                try {
                    cycleSamples.computeIfAbsent("gauge", k -> new ArrayList<>())
                            .add(cycles(gauge, gaugeFixture.get(2), false));
                } catch (Exception e) {
                    gaugeProblem = "gauge-java step cycles failed: " + e.getMessage();
                    notes.add(gaugeProblem);
                }
            }
        }
        cycleSamples.forEach((target, rates) -> say(String.format(Locale.ROOT, "  %-14s cycles/s %s", target,
                fmtList(rates))));
        double oursCycles = median(cycleSamples.get("stepwise"));
        double floorCycles = median(cycleSamples.get("floor"));
        double handOffCycles = median(cycleSamples.get("floor+hand-off"));
        List<Double> gaugeRates = cycleSamples.get("gauge");
        double gaugeCycles = gaugeRates == null || gaugeRates.isEmpty() ? Double.NaN : median(gaugeRates);

        String table = table(startup, oursCycles, floorCycles, gaugeCycles, handOffCycles);
        System.out.println();
        System.out.println(table);
        append(table);
    }

    private static String fmtList(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList().toString();
    }

    /**
     * A copy of our plugin folder whose launcher starts FloorServer: the same flags and CDS logic; with
     * {@code handOff}, ExecuteStep is answered from a thread of its own.
     */
    private Path floorFolder(Path plugin, String name, boolean handOff) throws IOException {
        Path floor = work.resolve(name);
        Fixtures.deleteTree(floor);
        Files.createDirectories(floor.resolve("bin"));
        Files.createDirectories(floor.resolve("lib"));
        String launcher = Files.readString(plugin.resolve("bin/stepwise-runner"));
        if (!launcher.contains("STEPWISE_MAIN='dev.stepwise.runner.Main'")) {
            throw new IllegalStateException("the launcher no longer names its main class as expected");
        }
        launcher = launcher.replace("STEPWISE_MAIN='dev.stepwise.runner.Main'", "STEPWISE_MAIN='" + FloorServer.class.getName() + "'")
                .replaceFirst("STEPWISE_VERSION='([^']*)'", "STEPWISE_VERSION='" + name + "-$1'");
        if (handOff) {
            launcher = launcher.replaceFirst("\n", "\nexport STEPWISE_FLOOR_HANDOFF=1\n");
        }
        Path bin = floor.resolve("bin/stepwise-runner");
        Files.writeString(bin, launcher);
        bin.toFile().setExecutable(true, false);
        // The launcher sources its AppCDS logic from beside itself.
        Files.copy(plugin.resolve("bin/appcds.sh"), floor.resolve("bin/appcds.sh"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> jars = Files.list(Path.of(require("floor-lib")))) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                Files.copy(jar, floor.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path benchJar = Path.of(require("bench-jar"));
        Files.copy(benchJar, floor.resolve("lib").resolve(benchJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return floor;
    }

    private String table(Map<String, double[]> s, double oursCycles, double floorCycles, double gaugeCycles,
                         double handOffCycles) {
        StringBuilder t = new StringBuilder();
        t.append("| measure | stepwise | floor | gauge-java 0.13.0 | stepwise / floor | gauge-java / stepwise | target | met |\n");
        t.append("|---|---:|---:|---:|---:|---:|---|---|\n");
        for (int steps : new int[] {2, 5000}) {
            double[] o = s.get("stepwise/" + steps);
            double[] f = s.get("floor/" + steps);
            double[] g = s.get("gauge/" + steps);
            row(t, "start → port line, " + steps + " steps (ms, median)", o[0], f[0], g == null ? Double.NaN : g[0],
                    "", null);
            String target;
            Boolean met;
            double ratio = o[1] / f[1];
            double speedup = g == null ? Double.NaN : g[1] / o[1];
            if (steps == 2) {
                target = "≤ 1.3× floor, ≥ 10× faster than gauge-java";
                met = ratio > 1.3 ? Boolean.FALSE : Double.isNaN(speedup) ? null : Boolean.valueOf(speedup >= 10);
            } else {
                target = "≤ 1.5× floor";
                met = ratio <= 1.5;
            }
            row(t, "start → first RPC (GetStepNames), " + steps + " steps (ms, median)", o[1], f[1],
                    g == null ? Double.NaN : g[1], target, met);
        }
        double[] o2 = s.get("stepwise/2");
        double[] f2 = s.get("floor/2");
        double[] g2 = s.get("gauge/2");
        row(t, "Kill sent → process exited, 2 steps (ms, median)", o2[2], f2[2], g2 == null ? Double.NaN : g2[2],
                "", null);
        double cycleRatio = oursCycles / floorCycles;
        double cycleVsGauge = oursCycles / gaugeCycles;
        Boolean met = cycleRatio < 0.8 ? Boolean.FALSE
                : Double.isNaN(cycleVsGauge) ? null : Boolean.valueOf(cycleVsGauge >= 3);
        t.append(String.format(Locale.ROOT, "| step cycles per second (3 RPCs each; floor = 3 bare round trips) | %.0f | %.0f | %s | %.2f | %s | ≥ 0.8× floor, ≥ 3× gauge-java | %s |\n",
                oursCycles, floorCycles, num(gaugeCycles, "%.0f"), cycleRatio,
                Double.isNaN(cycleVsGauge) ? "n/a" : String.format(Locale.ROOT, "%.2f (stepwise ÷ gauge-java = %.2f×)",
                        gaugeCycles / oursCycles, cycleVsGauge),
                met == null ? "partly (no gauge-java)" : met ? "yes" : "**no**"));
        t.append(String.format(Locale.ROOT, "| step cycles per second against the floor that answers ExecuteStep from a "
                        + "thread of its own (as a runner running user code must) | %.0f | %.0f |  | %.2f |  |  |  |\n",
                oursCycles, handOffCycles, oursCycles / handOffCycles));
        for (String note : notes) {
            t.append("\n> ").append(note.replace("\n", "\n> ")).append('\n');
        }
        return t.toString();
    }

    private static void row(StringBuilder t, String what, double ours, double floor, double gauge, String target, Boolean met) {
        t.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %.2f | %s | %s | %s |\n", what, ours, floor,
                num(gauge, "%.0f"), ours / floor, num(gauge / ours, "%.1f"), target,
                target.isEmpty() ? "" : met == null ? "partly (no gauge-java)" : met ? "yes" : "**no**"));
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private void append(String table) throws IOException, InterruptedException {
        Path out = Path.of(require("out"));
        Process version = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).start();
        String javaVersion = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        version.waitFor();
        StringBuilder doc = new StringBuilder();
        if (!Files.exists(out)) {
            doc.append("# Benchmarks\n\nAppended by `scripts/bench`; newest last. Timings are wall-clock on the machine named in each entry.\n");
        }
        doc.append("\n## Runner start-up and step cycles, ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)))
                .append("\n\n")
                .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs (nproc), ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append('\n')
                .append("- java -version:\n\n```\n").append(javaVersion).append("\n```\n\n")
                .append("- command: `").append(options.getOrDefault("command", "scripts/bench runner")).append("`\n")
                .append("- launches per median: ").append(launches).append("; cycle window: ").append(cycleSeconds)
                .append(" s after 2 s warm-up, median of the launches (start-up and cycles alike, interleaved); "
                        + "fixtures: 2 and 5,000 steps (no-op step `noop`)\n\n")
                .append(table);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, doc, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        say("appended to " + out);
    }

    private static void say(String message) {
        System.err.println("[bench] " + message);
    }
}
