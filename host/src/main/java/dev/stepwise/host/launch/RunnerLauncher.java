package dev.stepwise.host.launch;

import dev.stepwise.host.adapter.GrpcRunnerClient;
import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.execution.RunnerClient;
import io.grpc.ManagedChannel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the project's language runner with Gauge's staged handshake: process started, port line seen, first RPC
 * answered (the last stage is checked by {@link GrpcRunnerClient} on its first call).
 */
public final class RunnerLauncher {

    private final Map<String, String> osEnv;
    private final Optional<Path> defaultRunnerDir;
    private final RunnerOutput output;
    private final int streams;

    /**
     * @param osEnv            the host's environment
     * @param defaultRunnerDir the runner plugin folder to use when none is installed (this repository's build)
     * @param output           where runner log lines go
     * @param streams          GAUGE_PARALLEL_STREAMS_COUNT
     */
    public RunnerLauncher(Map<String, String> osEnv, Optional<Path> defaultRunnerDir, RunnerOutput output,
                          int streams) {
        this.osEnv = osEnv;
        this.defaultRunnerDir = defaultRunnerDir;
        this.output = output;
        this.streams = streams;
    }

    public RunnerDescriptor locate(ProjectConfig config) {
        RunnerDescriptor d = new RunnerLocator(osEnv, defaultRunnerDir).find(config.manifest().language());
        if (!d.grpcSupport()) {
            throw new ConfigException("Runner " + d.id() + " (" + d.file() + ") does not declare \"gRPCSupport\": true;"
                    + " Stepwise drives gRPC runners only");
        }
        return d;
    }

    /** The environment Gauge gives a runner, on top of the host's own. */
    public Map<String, String> runnerEnvironment(ProjectConfig config) {
        Map<String, String> env = new LinkedHashMap<>(config.env().exported());
        env.put("GAUGE_PROJECT_ROOT", config.root().toString());
        env.put("GAUGE_INTERNAL_PORT", "0");
        env.put("GAUGE_PARALLEL_STREAMS_COUNT", String.valueOf(streams));
        return env;
    }

    /** A started runner whose port is known: the process and a plaintext channel to it. */
    public record Connection(RunnerDescriptor descriptor, RunnerProcess process, ManagedChannel channel) {
    }

    /**
     * Starts the runner and opens a channel to the port it announced (stages PROCESS_START and PORT_LINE); the first
     * RPC, the last stage, is the caller's.
     */
    public Connection connect(ProjectConfig config) {
        return connect(config, Map.of());
    }

    /** As {@link #connect(ProjectConfig)}, with extra variables for the runner's environment. */
    public Connection connect(ProjectConfig config, Map<String, String> extraEnv) {
        RunnerDescriptor d = locate(config);
        Map<String, String> env = runnerEnvironment(config);
        env.putAll(extraEnv);
        RunnerProcess process = RunnerProcess.start(d, env, output);
        int port;
        try {
            port = process.awaitPort(config.gauge().runnerConnectionTimeout());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new Connection(d, process, LoopbackChannel.to(port));
    }

    public RunnerClient launch(ProjectConfig config) {
        Connection c = connect(config);
        return new GrpcRunnerClient(c.channel(), c.descriptor().conceptMessages(),
                config.gauge().runnerRequestTimeout(), config.gauge().runnerConnectionTimeout(), c.process(),
                () -> c.process().stop(config.gauge().killTimeout()));
    }
}
