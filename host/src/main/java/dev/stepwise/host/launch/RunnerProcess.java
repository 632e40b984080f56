package dev.stepwise.host.launch;

import dev.stepwise.host.config.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A started runner process: its output pumps, the port it announced, the tail of its stderr and its exit.
 * Started as Gauge starts runners ({@code runner/runner.go}): working directory = the install directory, argv from
 * the descriptor, the project's environment added to the host's own.
 */
public final class RunnerProcess implements ProcessProbe, AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Listening on port:([0-9]+)");
    private static final int TAIL_LINES = 20;

    private final Process process;
    private final List<String> command;
    private final RunnerOutput output;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();

    private RunnerProcess(Process process, List<String> command, RunnerOutput output) {
        this.process = process;
        this.command = List.copyOf(command);
        this.output = output;
    }

    /**
     * Starts the runner.
     *
     * @param descriptor the runner's descriptor
     * @param env        variables to add to the host's environment
     * @param output     where the runner's log lines go
     */
    public static RunnerProcess start(RunnerDescriptor descriptor, Map<String, String> env, RunnerOutput output) {
        List<String> argv = new ArrayList<>(descriptor.command());
        Path dir = descriptor.installDir();
        String exe = argv.get(0);
        // Gauge does no PATH lookup for argv[0]: a relative path is relative to the install dir.
        if (exe.contains("/") || exe.contains("\\")) {
            Path p = Path.of(exe);
            if (!p.isAbsolute()) {
                argv.set(0, dir.resolve(p).normalize().toString());
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new RunnerLaunchException(LaunchStage.PROCESS_START, argv, "install directory " + dir
                    + " does not exist", OptionalInt.empty(), List.of(), null);
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new RunnerLaunchException(LaunchStage.PROCESS_START, argv, e.getMessage()
                    + (Files.isExecutable(Path.of(argv.get(0))) ? "" : ". Is " + argv.get(0) + " built and executable?"),
                    OptionalInt.empty(), List.of(), e);
        }
        RunnerProcess rp = new RunnerProcess(p, argv, output);
        rp.pump(p.getInputStream(), false);
        rp.pump(p.getErrorStream(), true);
        return rp;
    }

    /** Waits for the port line; fails naming the PORT_LINE stage if the process exits or the time runs out. */
    public int awaitPort(Duration timeout) {
        CompletableFuture<Object> either = CompletableFuture.anyOf(port, process.onExit());
        try {
            either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RunnerLaunchException(LaunchStage.PORT_LINE, command, "no 'Listening on port:NNNN' line within "
                    + timeout.toMillis() + " ms (runner_connection_timeout in gauge.properties)",
                    exitStatus(0), stderrTail(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerLaunchException(LaunchStage.PORT_LINE, command, "interrupted", exitStatus(0),
                    stderrTail(), e);
        } catch (ExecutionException e) {
            throw new RunnerLaunchException(LaunchStage.PORT_LINE, command, e.getCause().toString(), exitStatus(0),
                    stderrTail(), e);
        }
        if (port.isDone()) {
            return port.join();
        }
        // The process ended first; let the pumps drain so the stderr tail is complete.
        joinPumps(1000);
        if (port.isDone()) {
            return port.join();
        }
        throw new RunnerLaunchException(LaunchStage.PORT_LINE, command,
                "the runner exited before it printed 'Listening on port:NNNN'", exitStatus(0), stderrTail(), null);
    }

    @Override
    public OptionalInt exitStatus(long waitMillis) {
        try {
            if (process.waitFor(waitMillis, TimeUnit.MILLISECONDS)) {
                joinPumps(500);
                return OptionalInt.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OptionalInt.empty();
    }

    @Override
    public List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }

    @Override
    public List<String> command() {
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code grace} for the process to exit by itself (after Kill), then ends it and every process it
     * started: SIGTERM, two seconds, SIGKILL.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = List.of();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                // The descendants are listed before anything is signalled: once the parent is gone they are
                // re-parented and no longer reachable from it. A plugin launched by a script that does not
                // `exec` its JVM is such a grandchild, and would otherwise keep running after the run.
                tree = process.descendants().toList();
                process.destroy();
                tree.forEach(ProcessHandle::destroy);
                if (!awaitExit(tree, 2000)) {
                    process.destroyForcibly();
                    tree.forEach(ProcessHandle::destroyForcibly);
                    awaitExit(tree, 2000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        joinPumps(1000);
    }

    /** Whether the process and {@code descendants} all exited within {@code millis}. */
    private boolean awaitExit(List<ProcessHandle> descendants, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        for (ProcessHandle h : descendants) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // onExit never completes exceptionally; the process is gone either way
            } catch (TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private void joinPumps(long millis) {
        for (Thread t : pumps) {
            try {
                t.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pump(InputStream in, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    handle(line, stderr);
                }
            } catch (IOException e) {
                // The process ended; nothing more to read.
            }
        }, "runner-" + (stderr ? "stderr" : "stdout"));
        t.setDaemon(true);
        pumps.add(t);
        t.start();
    }

    private void handle(String line, boolean stderr) {
        if (line.contains("Listening on port:")) {
            Matcher m = PORT.matcher(line);
            if (m.find()) {
                port.complete(Integer.parseInt(m.group(1)));
                return;
            }
        }
        if (stderr) {
            synchronized (stderrTail) {
                stderrTail.addLast(line);
                while (stderrTail.size() > TAIL_LINES) {
                    stderrTail.removeFirst();
                }
            }
        }
        String level = stderr ? "error" : "info";
        String message = line;
        String trimmed = line.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                if (Json.parse(trimmed) instanceof Map<?, ?> m && m.get("message") instanceof String msg) {
                    message = msg;
                    if (m.get("logLevel") instanceof String l) {
                        level = l;
                    }
                }
            } catch (Json.JsonException e) {
                // Not a log line: keep it as written.
            }
        }
        output.line(level, message, stderr);
    }
}
