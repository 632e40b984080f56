package dev.stepwise.host.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reporter plugins that are a shell command, installed under a GAUGE_HOME and started by the real
 * {@link PluginLauncher}: the process is real, and the script decides what it is (print a port line served by the
 * test, die, hang).
 */
final class ScriptPlugins {
    private final Path home;

    ScriptPlugins(Path home) {
        this.home = home;
    }

    /** Installs plugin {@code id} 1.0.0 running {@code script} with /bin/sh, and starts it. */
    PluginLauncher.Started start(String id, String script) throws IOException {
        Path dir = home.resolve("plugins").resolve(id).resolve("1.0.0");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plugin.json"), """
                {"id": "%s", "version": "1.0.0", "command": {"linux": ["/bin/sh", "-c", "%s"],
                 "darwin": ["/bin/sh", "-c", "%s"]},
                 "scope": ["Execution"], "capabilities": ["grpc_support"],
                 "gaugeVersionSupport": {"minimum": "1.0.0", "maximum": ""}}
                """.formatted(id, script, script));
        PluginLauncher launcher = new PluginLauncher(Map.of("GAUGE_HOME", home.toString()), (l, m, e) -> { },
                PluginSettings.defaults());
        return launcher.start(launcher.locate(id, "execution"), Map.of());
    }

    /** A script that prints the handshake for {@code port} and lives until the file {@code until} exists. */
    static String handshakeThenWaitFor(int port, Path until) {
        return "echo Listening on port:" + port + "; while [ ! -e '" + until + "' ]; do sleep 0.05; done";
    }
}
