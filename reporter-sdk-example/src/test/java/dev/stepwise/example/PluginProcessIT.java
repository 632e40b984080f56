package dev.stepwise.example;

import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoScenarioResult;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.ScenarioRetriesInfo;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.SuiteExecutionResult;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launches the packaged plugin folder exactly as Gauge does (plugin.json's command, the plugin folder as
 * working directory, Gauge's environment, the port read from stdout) and drives it over loopback.
 */
class PluginProcessIT {
    private static final Pattern PORT = Pattern.compile("Listening on port:([0-9]+)");

    @Test
    void runsAsARealGaugePluginProcess() throws Exception {
        Path pluginDir = Path.of(System.getProperty("stepwise.pluginDir"));
        Path work = Files.createDirectories(Path.of(System.getProperty("stepwise.itWorkDir")));
        Path project = Files.createTempDirectory(work, "project");
        String descriptor = Files.readString(pluginDir.resolve("plugin.json"));
        assertTrue(descriptor.contains("\"grpc_support\""), descriptor);
        assertFalse(descriptor.contains("@stepwise"), "descriptor was filtered: " + descriptor);
        Matcher cmd = Pattern.compile("\"linux\"\\s*:\\s*\\[\\s*\"([^\"]+)\"").matcher(descriptor);
        assertTrue(cmd.find(), descriptor);
        Path stderr = project.resolve("plugin-stderr.txt");

        // Gauge's legacy listener holds plugin_connection_port; the plugin must not try to bind it.
        try (ServerSocket gaugeLegacyListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder pb = new ProcessBuilder(pluginDir.resolve(cmd.group(1)).toString())
                    .directory(pluginDir.toFile())
                    .redirectError(stderr.toFile());
            pb.environment().put("GAUGE_PROJECT_ROOT", project.toString());
            pb.environment().put("gauge_reports_dir", "reports");
            pb.environment().put("stepwise-example-reporter_action", "execution");
            pb.environment().put("test_language", "java");
            pb.environment().put("plugin_connection_port", String.valueOf(gaugeLegacyListener.getLocalPort()));
            pb.environment().put("plugin_kill_timeout", "4000");
            Process process = pb.start();
            try {
                int port = readPort(process, stderr);
                ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                        InsecureChannelCredentials.create()).build();
                try {
                    sendRun(ReporterGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS));
                } finally {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "plugin did not exit after Kill; stderr:\n"
                        + Files.readString(stderr));
                assertEquals(0, process.exitValue(), "exit status; stderr:\n" + Files.readString(stderr));
            } finally {
                process.destroyForcibly();
            }
        }

        Path summary = project.resolve("reports/example/summary.txt");
        assertEquals("project: demo\npassed: 2\nfailed: 1\nskipped: 0\nretries: 1\n", Files.readString(summary));
        assertFalse(Files.exists(summary.resolveSibling("summary.txt.tmp")));
    }

    /** Reads stdout on its own thread until the handshake, then keeps draining so the plugin never blocks. */
    private static int readPort(Process process, Path stderr) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = PORT.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("stdout ended without a port line"));
            } catch (java.io.IOException | RuntimeException e) {
                port.completeExceptionally(e);
            }
        }, "plugin-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no 'Listening on port:' line (plugin alive: " + process.isAlive()
                    + "); stderr:\n" + Files.readString(stderr), e);
        }
    }

    private static ExecutionInfo info(String scenario, int retry) {
        ExecutionInfo.Builder b = ExecutionInfo.newBuilder().setProjectName("demo")
                .setCurrentSpec(SpecInfo.newBuilder().setName("Login").setFileName("/p/specs/login.spec"));
        if (scenario != null) {
            b.setCurrentScenario(ScenarioInfo.newBuilder().setName(scenario)
                    .setRetries(ScenarioRetriesInfo.newBuilder().setMaxRetries(1).setCurrentRetry(retry)));
        }
        return b.build();
    }

    private static void scenario(ReporterGrpc.ReporterBlockingStub stub, String name, int retry, boolean failed) {
        stub.notifyScenarioExecutionStarting(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(info(name, retry)).build());
        stub.notifyScenarioExecutionStarting(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(info(name, retry)).setScenarioResult(ProtoScenarioResult.getDefaultInstance())
                .build());
        stub.notifyScenarioExecutionEnding(ScenarioExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(info(name, retry))
                .setScenarioResult(ProtoScenarioResult.newBuilder().setProtoItem(ProtoItem.newBuilder()
                        .setItemType(ProtoItem.ItemType.Scenario).setScenario(ProtoScenario.newBuilder()
                                .setScenarioHeading(name).setFailed(failed)
                                .setExecutionStatus(failed ? ExecutionStatus.FAILED : ExecutionStatus.PASSED))))
                .build());
    }

    private static void sendRun(ReporterGrpc.ReporterBlockingStub stub) {
        stub.notifyExecutionStarting(ExecutionStartingRequest.getDefaultInstance());
        stub.notifyExecutionStarting(ExecutionStartingRequest.newBuilder()
                .setSuiteResult(ProtoSuiteResult.getDefaultInstance()).build());
        stub.notifySpecExecutionStarting(SpecExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(info(null, 0)).build());
        stub.notifySpecExecutionStarting(SpecExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(info(null, 0)).setSpecResult(ProtoSpecResult.getDefaultInstance()).build());
        scenario(stub, "Good password", 0, false);
        scenario(stub, "Bad password", 0, true);
        scenario(stub, "Bad password", 1, false); // the retry passes
        stub.notifySpecExecutionEnding(SpecExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0))
                .build());
        stub.notifyExecutionEnding(ExecutionEndingRequest.getDefaultInstance());
        stub.notifyExecutionEnding(ExecutionEndingRequest.newBuilder()
                .setSuiteResult(ProtoSuiteResult.getDefaultInstance()).build());
        stub.notifySuiteResult(SuiteExecutionResult.newBuilder()
                .setSuiteResult(ProtoSuiteResult.newBuilder().setProjectName("demo")).build());
        stub.kill(KillProcessRequest.getDefaultInstance());
    }
}
