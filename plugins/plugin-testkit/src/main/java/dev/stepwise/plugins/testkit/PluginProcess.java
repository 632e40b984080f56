package dev.stepwise.plugins.testkit;

import dev.stepwise.proto.ReporterGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged plugin folder launched exactly as Gauge launches a reporter: plugin.json's linux command, the
 * plugin folder as working directory, Gauge's environment ({@code <id>_action}, {@code plugin_connection_port}
 * held by a listener, {@code GAUGE_PROJECT_ROOT}, env properties), and the port read from the stdout handshake.
 */
public final class PluginProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("Listening on port:([0-9]+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LINUX = Pattern.compile("\"linux\"\\s*:\\s*\\[\\s*\"([^\"]+)\"");

    private final Process process;
    private final ServerSocket legacyListener;
    private final Path stderr;
    private final StringBuffer stdout = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread stdoutReader;
    private ManagedChannel channel;

    private PluginProcess(Process process, ServerSocket legacyListener, Path stderr) {
        this.process = process;
        this.legacyListener = legacyListener;
        this.stderr = stderr;
        this.stdoutReader = new Thread(this::drainStdout, "plugin-stdout");
        stdoutReader.setDaemon(true);
        stdoutReader.start();
    }

    /** Starts the plugin in {@code pluginDir} for a project at {@code projectRoot}; {@code env} adds or overrides. */
    public static PluginProcess start(Path pluginDir, Path projectRoot, Map<String, String> env) throws IOException {
        String descriptor = Files.readString(pluginDir.resolve("plugin.json"));
        if (descriptor.contains("@stepwise") || !descriptor.contains("\"grpc_support\"")) {
            throw new IllegalStateException("not a packaged gRPC plugin descriptor: " + descriptor);
        }
        Matcher id = ID.matcher(descriptor);
        Matcher cmd = LINUX.matcher(descriptor);
        if (!id.find() || !cmd.find()) {
            throw new IllegalStateException("plugin.json lacks id or command.linux: " + descriptor);
        }
        Path stderr = Files.createTempFile(projectRoot, "plugin-stderr", ".txt");
        ServerSocket legacy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ProcessBuilder pb = new ProcessBuilder(pluginDir.resolve(cmd.group(1)).toString())
                .directory(pluginDir.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> e = new LinkedHashMap<>();
        e.put("GAUGE_PROJECT_ROOT", projectRoot.toString());
        e.put("gauge_reports_dir", "reports");
        e.put("gauge_screenshots_dir", projectRoot.resolve(".gauge/screenshots").toString());
        e.put(id.group(1) + "_action", "execution");
        e.put("test_language", "java");
        e.put("plugin_connection_port", String.valueOf(legacy.getLocalPort()));
        e.put("plugin_kill_timeout", "4000");
        e.putAll(env);
        pb.environment().putAll(e);
        try {
            return new PluginProcess(pb.start(), legacy, stderr);
        } catch (IOException | RuntimeException ex) {
            legacy.close();
            throw ex;
        }
    }

    private void drainStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdout.append(line).append('\n');
                Matcher m = PORT.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
            port.completeExceptionally(new IllegalStateException("stdout ended without a port line"));
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
    }

    /** A blocking stub on the handshake port (waits up to 60 s for the handshake). */
    public ReporterGrpc.ReporterBlockingStub stub() {
        if (channel == null) {
            int p;
            try {
                p = port.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no 'Listening on port:' line (plugin alive: " + process.isAlive()
                        + "); stderr:\n" + stderr(), e);
            }
            channel = Grpc.newChannelBuilderForAddress("127.0.0.1", p, InsecureChannelCredentials.create()).build();
        }
        return ReporterGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for the process to exit after Kill; returns its exit status. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("plugin did not exit after Kill; stderr:\n" + stderr());
        }
        stdoutReader.join(5000);
        return process.exitValue();
    }

    /** The process's pid: the launcher's, and the JVM's once the launcher has {@code exec}ed it. */
    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return stdout.toString();
    }

    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (channel != null) {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            process.destroyForcibly();
            legacyListener.close();
        }
    }
}
