package dev.stepwise.runner;

import dev.stepwise.runner.config.RunnerConfig;
import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.server.RunnerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The runner process: {@code --start} serves Gauge's Runner service on loopback and prints the
 * port line Gauge waits for; {@code --classpath CP} overrides the project classpath.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the runner; returns the process exit status. */
    static int run(String[] args) {
        boolean start = false;
        Optional<String> classpath = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--start" -> start = true;
                case "--classpath" -> {
                    if (i + 1 >= args.length) {
                        System.err.println("--classpath needs a value");
                        return 2;
                    }
                    classpath = Optional.of(args[++i]);
                }
                case "--init" -> {
                    // Gauge's descriptor format has an init command; Stepwise projects come from a
                    // template (see docs/runner.md), so there is nothing to set up in the folder.
                    System.out.println("stepwise-runner: nothing to initialize; create a project from "
                            + "the sample-project template");
                    return 0;
                }
                case "--version" -> {
                    System.out.println("stepwise-runner " + version());
                    return 0;
                }
                case "--help", "-h" -> {
                    System.out.println(usage());
                    return 0;
                }
                default -> {
                    System.err.println("Unknown argument '" + args[i] + "'.\n" + usage());
                    return 2;
                }
            }
        }
        if (!start) {
            System.err.println(usage());
            return 2;
        }
        RunnerConfig config;
        try {
            config = RunnerConfig.fromEnvironment(System.getenv(), classpath);
        } catch (IllegalArgumentException e) {
            new JsonLog(System.out, JsonLog.Level.INFO).log(JsonLog.Level.FATAL, e.getMessage());
            return 1;
        }
        JsonLog log = new JsonLog(System.out, config.debug() ? JsonLog.Level.DEBUG : JsonLog.Level.INFO);
        try {
            return serve(config, log);
        } catch (Exception e) {
            log.log(JsonLog.Level.FATAL, "The runner could not start: " + e);
            return 1;
        }
    }

    private static int serve(RunnerConfig config, JsonLog log) throws IOException, InterruptedException {
        RunnerServer.Options options = new RunnerServer.Options(config.projectRoot(), config.multithreaded(),
                config.lspMode());
        // On a free port (as Gauge asks), gRPC and Netty start on another thread while the step registry loads here:
        // on two cores the two overlap. The port is announced once both are done, so no call comes early.
        CompletableFuture<RunnerServer.Bound> binding = config.port() == 0
                ? CompletableFuture.supplyAsync(Main::bind) : null;
        ExecutionEngine built;
        try {
            built = Runner.engineFor(config, log);
        } catch (IOException | RuntimeException e) {
            if (binding != null) {
                binding.thenAccept(RunnerServer.Bound::close);
            }
            throw e;
        }
        try (ExecutionEngine engine = built) {
            RunnerServer server = binding != null ? bound(binding).serve(engine, log, options)
                    : RunnerServer.onLoopback(config.port(), engine, log, options).start();
            try (StdinWatch watch = stopWhenLauncherGoes(server)) {
                log.info("Listening on port:" + server.port());
                server.awaitStopRequest();
                server.shutdown();
            }
            return 0;
        }
    }

    private static RunnerServer.Bound bind() {
        try {
            return RunnerServer.bindLoopback();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunnerServer.Bound bound(CompletableFuture<RunnerServer.Bound> binding) throws IOException {
        try {
            return binding.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    /**
     * A runner must not outlive the process that launched it: stop when the parent exits, and when
     * stdin is a pipe that closes. (A stdin of /dev/null, as Gauge gives, reads EOF at once, so
     * only a pipe counts.) Closing the result ends the stdin watch.
     */
    private static StdinWatch stopWhenLauncherGoes(RunnerServer server) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(server::stop));
        if (!stdinIsPipe()) {
            return () -> { };
        }
        // Read through a FileChannel, not System.in: closing the channel wakes the blocked read. A thread left
        // blocked in a native read would make the JVM's exit wait ~300 ms for it.
        FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
        Thread watcher = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            try {
                while (stdin.read(buffer) >= 0) {
                    buffer.clear(); // the launcher has nothing to say on stdin; only its closing matters
                }
            } catch (AsynchronousCloseException stoppedWatching) {
                return; // closed by us on the way out, not by the launcher
            } catch (IOException ignored) {
                // a broken stdin means the launcher is gone, as EOF does
            }
            server.stop();
        }, "stepwise-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
        return stdin::close;
    }

    /** Ends watching stdin. */
    private interface StdinWatch extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private static boolean stdinIsPipe() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString().startsWith("pipe:");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static String usage() {
        return "Usage: stepwise-runner --start [--classpath CP] | --init | --version\n"
                + "  Serves Gauge's Runner service on 127.0.0.1 for the project in GAUGE_PROJECT_ROOT.";
    }
}
