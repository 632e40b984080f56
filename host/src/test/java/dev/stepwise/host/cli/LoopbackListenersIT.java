package dev.stepwise.host.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Nothing listens on other interfaces during a whole run (issue 9, "Security"): a real {@code stepwise run} in a
 * process of its own (plain {@code java} on the host jar and its lib folder: the JVM flags and AppCDS archive that
 * {@code scripts/stepwise} adds change nothing that listens, and CliLauncherIT covers them), with the real runner and
 * a real third-party plugin (reporter-sdk-example's, launched through its {@code bin/} script). While it runs, every
 * listening TCP socket of the host and its descendants is sampled: the socket inodes behind {@code /proc/<pid>/fd},
 * matched against {@code /proc/net/tcp} and {@code /proc/net/tcp6} rows in state {@code 0A} (LISTEN).
 *
 * <p>Sampling sees a listener that lives longer than one sampling interval; each of these servers lives for the whole
 * run. The test never connects anywhere: it only reads the kernel's tables.
 */
class LoopbackListenersIT {
    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    private static final String RUNNER_MAIN = "dev.stepwise.runner.Main";
    private static final String PLUGIN_MAIN = "dev.stepwise.example.SummaryReporter";

    @TempDir
    Path tmp;

    /** One listening socket seen: who held it and where it was bound. */
    private record Listener(String role, long pid, InetAddress address, int port) {
        boolean loopback() {
            // ::ffff:127.0.0.1 comes back from InetAddress.getByAddress as 127.0.0.1.
            return address.getHostAddress().equals("127.0.0.1") || address.getHostAddress().equals("0:0:0:0:0:0:0:1");
        }

        @Override
        public String toString() {
            return role + " (pid " + pid + ") on " + address.getHostAddress() + ":" + port;
        }
    }

    @Test
    void everyListenerOfTheHostTheRunnerAndThePluginIsBoundToLoopback() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(TCP) && Files.isDirectory(Path.of("/proc/self/fd")),
                "needs Linux /proc");
        Path repo = CliRuns.repo();
        Path pluginBuild = repo.resolve("reporter-sdk-example/target/plugin");
        assertTrue(Files.isRegularFile(pluginBuild.resolve("plugin.json")),
                "build reporter-sdk-example first (mvn package -pl reporter-sdk-example)");
        Path home = tmp.resolve("gauge-home");
        PluginsIT.copy(pluginBuild, home.resolve("plugins/stepwise-example-reporter/0.1.0"));
        Path project = ParallelProject.create(tmp.resolve("project"), 2, 2, false);
        Files.writeString(project.resolve("manifest.json"),
                "{\"Language\": \"stepwise-java\", \"Plugins\": [\"stepwise-example-reporter\"]}\n");

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", hostClassPath(repo), Main.class.getName(), "run", "--project", project.toString());
        pb.environment().putAll(ParallelProject.env());
        pb.environment().put("GAUGE_HOME", home.toString());
        pb.environment().remove("STEPWISE_HOME");
        Path console = tmp.resolve("console.txt");
        pb.redirectErrorStream(true).redirectOutput(console.toFile());

        Process host = pb.start();
        Set<String> seen = new TreeSet<>();
        List<Listener> notLoopback = new ArrayList<>();
        int samples = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (host.isAlive() && System.nanoTime() < deadline) {
                for (Listener l : listeners(host.toHandle())) {
                    if (seen.add(l.toString()) && !l.loopback()) {
                        notLoopback.add(l);
                    }
                }
                samples++;
                Thread.sleep(10);
            }
        } finally {
            if (host.isAlive()) {
                host.descendants().forEach(ProcessHandle::destroyForcibly);
                host.destroyForcibly();
            }
        }
        assertTrue(host.waitFor(30, TimeUnit.SECONDS), "the run did not end");
        String out = Files.readString(console, StandardCharsets.UTF_8);
        String context = samples + " samples, listeners seen: " + seen + "\n" + out;
        System.out.println("LoopbackListenersIT: " + samples + " samples, listeners seen: " + seen);

        assertEquals(List.of(), notLoopback, "listening on an address other than 127.0.0.1 and ::1\n" + context);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("runner ")), "no listener of the runner seen\n" + context);
        assertTrue(seen.stream().anyMatch(s -> s.startsWith("plugin ")), "no listener of the plugin seen\n" + context);
        assertEquals(0, host.exitValue(), context);
        assertTrue(Files.readString(project.resolve("reports/example/summary.txt")).contains("passed: 4"),
                "the plugin served the whole run\n" + context);
    }

    /** The host jar and its lib folder, the class path scripts/stepwise gives the CLI. */
    private static String hostClassPath(Path repo) throws IOException {
        Path target = repo.resolve("host/target");
        try (Stream<Path> jars = Files.list(target)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("stepwise-host-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no host jar in " + target + ": mvn package"));
            assertTrue(Files.isDirectory(target.resolve("lib")), "no " + target.resolve("lib") + ": mvn package");
            return jar + java.io.File.pathSeparator + target.resolve("lib") + "/*";
        }
    }

    /** Every listening TCP socket held by {@code root} or one of its descendants right now. */
    private static List<Listener> listeners(ProcessHandle root) throws IOException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        Map<Long, ProcessHandle> owners = new HashMap<>();
        for (ProcessHandle h : tree) {
            socketInodes(h.pid()).forEach(inode -> owners.put(inode, h));
        }
        List<Listener> out = new ArrayList<>();
        for (Path table : List.of(TCP, TCP6)) {
            if (!Files.isReadable(table)) {
                continue;
            }
            for (String row : Files.readAllLines(table)) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                String[] f = row.trim().split("\\s+");
                if (f.length < 10 || !f[3].equals("0A")) {
                    continue;
                }
                ProcessHandle owner = owners.get(Long.parseLong(f[9]));
                if (owner != null) {
                    String[] local = f[1].split(":");
                    out.add(new Listener(role(owner, root), owner.pid(), address(local[0]),
                            Integer.parseInt(local[1], 16)));
                }
            }
        }
        return out;
    }

    /** The inodes of the sockets open in {@code pid} ({@code socket:[N]} links under /proc/pid/fd). */
    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // the process ended meanwhile
        }
        return inodes;
    }

    private static String role(ProcessHandle h, ProcessHandle host) {
        if (h.pid() == host.pid()) {
            return "host";
        }
        String argv = String.join(" ", h.info().arguments().orElse(new String[0]));
        if (argv.contains(RUNNER_MAIN)) {
            return "runner";
        }
        if (argv.contains(PLUGIN_MAIN)) {
            return "plugin";
        }
        return "other: " + h.info().command().orElse("?");
    }

    /**
     * A /proc/net/tcp{,6} address: hex, each 32-bit word in the host's byte order (little-endian on the machines this
     * runs on), so 127.0.0.1 reads 0100007F and ::1 reads 00000000000000000000000001000000.
     */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] raw = HexFormat.of().parseHex(hex);
        if (raw.length != 4 && raw.length != 16) {
            fail("unexpected address " + hex);
        }
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
