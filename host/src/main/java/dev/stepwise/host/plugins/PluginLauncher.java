package dev.stepwise.host.plugins;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.launch.LoopbackChannel;
import dev.stepwise.host.launch.RunnerDescriptor;
import dev.stepwise.host.launch.RunnerLaunchException;
import dev.stepwise.host.launch.RunnerOutput;
import dev.stepwise.host.launch.RunnerProcess;
import io.grpc.ManagedChannel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a plugin as Gauge does ({@code plugin/plugin.go}): from its own folder, with the project's environment
 * and the plugin variables added to the host's, and connects over loopback once it printed
 * {@code Listening on port:NNNN}. The process handling and the handshake are the runner's ({@link RunnerProcess}).
 */
public final class PluginLauncher {
    private final Map<String, String> osEnv;
    private final RunnerOutput output;
    private final PluginSettings settings;

    /**
     * @param osEnv    the host's environment (for plugin lookup)
     * @param output   where plugin log lines go (prefixed with the plugin id)
     * @param settings timeouts
     */
    public PluginLauncher(Map<String, String> osEnv, RunnerOutput output, PluginSettings settings) {
        this.osEnv = osEnv;
        this.output = output;
        this.settings = settings;
    }

    public PluginSettings settings() {
        return settings;
    }

    /** A started plugin: its descriptor, process and a channel to it. */
    public record Started(PluginDescriptor descriptor, RunnerProcess process, ManagedChannel channel) {
    }

    /**
     * Finds {@code id} and checks it can serve {@code scope} over gRPC with this Gauge version.
     *
     * @throws ConfigException saying what is wrong and what to do
     */
    public PluginDescriptor locate(String id, String scope) {
        PluginDescriptor d = new PluginLocator(osEnv).find(id);
        if (!d.hasScope(scope)) {
            throw new ConfigException("Plugin " + d.label() + " (" + d.file() + ") has scope " + d.scopes()
                    + ", not " + scope + (scope.equals("execution") ? ": it is not a reporter; remove it from"
                    + " manifest.json \"Plugins\"" : ": it is not a documentation plugin"));
        }
        if (!d.grpcSupport()) {
            throw new ConfigException("Plugin " + d.label() + " (" + d.file() + ") does not declare the"
                    + " \"grpc_support\" capability; Stepwise talks to plugins over gRPC only (Gauge's legacy TCP"
                    + " protocol is not supported). Use a newer version of the plugin.");
        }
        String problem = d.versionProblem();
        if (!problem.isEmpty()) {
            throw new ConfigException("Plugin " + d.label() + " does not support this Gauge version: " + problem);
        }
        return d;
    }

    /** What Gauge adds for a reporter: project env, GAUGE_PROJECT_ROOT, {@code <id>_action}, test_language, ... */
    public Map<String, String> reporterEnvironment(ProjectConfig config, PluginDescriptor d) {
        Map<String, String> env = projectEnvironment(config);
        env.put(d.id() + "_action", "execution");
        env.put("test_language", config.manifest().language());
        if (!settings.rawKillTimeout().isEmpty()) {
            env.put("plugin_kill_timeout", settings.rawKillTimeout());
        }
        return env;
    }

    /** What Gauge adds for a documenter: project env, GAUGE_PROJECT_ROOT and the spec dirs joined by {@code ||}. */
    public Map<String, String> documenterEnvironment(ProjectConfig config, List<String> absoluteSpecDirs) {
        Map<String, String> env = projectEnvironment(config);
        env.put("GAUGE_SPEC_DIRS", String.join("||", absoluteSpecDirs));
        return env;
    }

    private static Map<String, String> projectEnvironment(ProjectConfig config) {
        Map<String, String> env = new LinkedHashMap<>(config.env().exported());
        env.put("GAUGE_PROJECT_ROOT", config.root().toString());
        return env;
    }

    /**
     * Starts the plugin and waits for its port line.
     *
     * @throws PluginException naming the plugin, the stage, its exit status and stderr tail
     */
    public Started start(PluginDescriptor d, Map<String, String> env) {
        RunnerDescriptor asProcess = new RunnerDescriptor(d.file(), d.id(), d.version(), d.command(), false, true);
        String prefix = "[" + d.id() + "] ";
        RunnerProcess process;
        try {
            process = RunnerProcess.start(asProcess, env, (level, message, stderr) ->
                    output.line(level, prefix + message, stderr));
        } catch (RunnerLaunchException e) {
            throw new PluginException("plugin " + d.label() + " could not be started: " + e.getMessage(), e);
        }
        int port;
        try {
            port = process.awaitPort(settings.connectTimeout());
        } catch (RunnerLaunchException e) {
            process.close();
            throw new PluginException("timed out connecting to " + d.id() + " (plugin_connection_timeout = "
                    + settings.connectTimeout().toMillis() + " ms, or it exited): " + e.getMessage(), e);
        }
        return new Started(d, process, LoopbackChannel.to(port));
    }
}
