package dev.stepwise.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runner launched the way Gauge launches it: the descriptor's argv for this OS, the plugin
 * folder as working directory, GAUGE_PROJECT_ROOT set, stdout read until the port line (Gauge's
 * own regex) and both streams drained for as long as the process lives.
 */
final class RunnerProcess implements AutoCloseable {

    static final Pattern PORT = Pattern.compile("Listening on port:([0-9]+)");

    final Process process;
    final int port;
    private final List<String> stdout;
    private final List<String> stderr;

    private RunnerProcess(Process process, int port, List<String> stdout, List<String> stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static RunnerProcess start(Path pluginDir, Path projectRoot, Map<String, String> extraEnv) throws IOException {
        List<String> command = new ArrayList<>();
        if (ItEnv.isWindows()) {
            command.addAll(List.of("cmd.exe", "/c", pluginDir.resolve("bin\\stepwise-runner.cmd").toString()));
        } else {
            // Gauge puts argv[0] relative to the install dir straight into exec: no shell, no PATH.
            command.add(pluginDir.resolve("bin/stepwise-runner").toString());
        }
        command.add("--start");
        ProcessBuilder builder = new ProcessBuilder(command).directory(pluginDir.toFile());
        builder.environment().put("GAUGE_PROJECT_ROOT", projectRoot.toString());
        builder.environment().put("GAUGE_INTERNAL_PORT", "0");
        builder.environment().remove("gauge_custom_classpath");
        builder.environment().putAll(extraEnv);
        Process process = builder.start();

        List<String> out = Collections.synchronizedList(new ArrayList<>());
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> portFound = new CompletableFuture<>();
        drain(process.getInputStream(), out, portFound, "runner-stdout");
        drain(process.getErrorStream(), err, portFound, "runner-stderr");
        int port;
        try {
            port = portFound.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("no 'Listening on port:' line within 30 s\nstdout: " + out + "\nstderr: " + err);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("runner ended before printing its port (exit "
                    + exitOrNull(process) + ")\nstdout: " + out + "\nstderr: " + err, e);
        }
        return new RunnerProcess(process, port, out, err);
    }

    private static Integer exitOrNull(Process p) {
        try {
            return p.waitFor(1, TimeUnit.SECONDS) ? p.exitValue() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void drain(InputStream in, List<String> sink, CompletableFuture<Integer> portFound, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.add(line);
                    Matcher m = PORT.matcher(line);
                    if (m.find()) {
                        portFound.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process went away
            }
            portFound.completeExceptionally(new IOException(name + " closed"));
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Launches once and Kills it over gRPC, waiting up to 60 s for the exit (and so the AppCDS dump). */
    static void warmCdsArchive(Path pluginDir, Path projectRoot, Map<String, String> env) throws Exception {
        try (RunnerProcess warm = start(pluginDir, projectRoot, env)) {
            warm.kill();
            if (warm.awaitExit(Duration.ofSeconds(60)) == null) {
                throw new AssertionError("the warm-up runner did not exit within 60 s of Kill\n" + warm.output());
            }
        }
    }

    /** Sends Kill with gauge-java's client and returns once it is answered. */
    void kill() throws InterruptedException {
        io.grpc.ManagedChannel channel = io.grpc.ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            gauge.messages.RunnerGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .kill(gauge.messages.Messages.KillProcessRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Waits for exit; returns the exit code, or null when it did not exit in time. */
    Integer awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    String output() {
        synchronized (stdout) {
            synchronized (stderr) {
                return "stdout:\n  " + String.join("\n  ", stdout) + "\nstderr:\n  " + String.join("\n  ", stderr);
            }
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
