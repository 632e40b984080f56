package dev.stepwise.runner;

import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.runner.config.RunnerConfig;
import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.server.RunnerServer;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A runner serving the test fixture project ({@code target/test-classes}, whose step index the
 * annotation processor wrote) over an in-process channel.
 */
final class InProcessRunner implements AutoCloseable {

    final RunnerServer server;
    final ManagedChannel channel;
    final RunnerGrpc.RunnerBlockingStub stub;
    final ExecutionEngine engine;
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final Path screenshots;

    InProcessRunner(Path tempDir, boolean multithreaded) throws Exception {
        screenshots = tempDir.resolve("screenshots");
        RunnerConfig config = new RunnerConfig(tempDir, 0, Optional.of(Path.of("target", "test-classes")
                .toAbsolutePath().toString()), multithreaded, Duration.ZERO, true, screenshots, false, true);
        JsonLog log = new JsonLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8), JsonLog.Level.DEBUG);
        engine = Runner.engineFor(config, log);
        String name = InProcessServerBuilder.generateName();
        server = RunnerServer.on(InProcessServerBuilder.forName(name), engine, log,
                new RunnerServer.Options(tempDir, multithreaded, false)).start();
        channel = InProcessChannelBuilder.forName(name).build();
        stub = RunnerGrpc.newBlockingStub(channel);
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static Parameter text(String value) {
        return Parameter.newBuilder().setParameterType(Parameter.ParameterType.Static).setValue(value).build();
    }

    ProtoExecutionResult step(int stream, String key, String actual, Parameter... params) {
        ExecutionStatusResponse response = stub.executeStep(ExecuteStepRequest.newBuilder()
                .setParsedStepText(key)
                .setActualStepText(actual)
                .addAllParameters(Arrays.asList(params))
                .setStream(stream)
                .build());
        return response.getExecutionResult();
    }

    ProtoExecutionResult step(String key, String actual, Parameter... params) {
        return step(0, key, actual, params);
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow();
        server.shutdown();
        engine.close();
    }
}
