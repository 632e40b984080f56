package dev.stepwise.host.launch;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.GaugeSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a language runner's descriptor, in this order:
 * <ol>
 * <li>{@code $STEPWISE_RUNNER_DIR/<id>.json} (an explicit plugin folder);</li>
 * <li>{@code $STEPWISE_HOME/plugins/<id>/<version>/<id>.json}, highest version;</li>
 * <li>{@code $GAUGE_HOME/plugins/<id>/<version>/<id>.json} (default {@code ~/.gauge/plugins}), highest version;</li>
 * <li>the default folder given by the caller (the runner built in this repository).</li>
 * </ol>
 */
public final class RunnerLocator {

    private final Map<String, String> osEnv;
    private final Optional<Path> defaultDir;

    public RunnerLocator(Map<String, String> osEnv, Optional<Path> defaultDir) {
        this.osEnv = osEnv;
        this.defaultDir = defaultDir;
    }

    public RunnerDescriptor find(String id) {
        List<String> searched = new ArrayList<>();
        String explicit = osEnv.get("STEPWISE_RUNNER_DIR");
        if (explicit != null && !explicit.isBlank()) {
            Path f = Path.of(explicit).resolve(id + ".json");
            searched.add(f.toString());
            if (Files.isRegularFile(f)) {
                return RunnerDescriptor.read(f);
            }
        }
        String stepwiseHome = osEnv.get("STEPWISE_HOME");
        List<Path> pluginRoots = new ArrayList<>();
        if (stepwiseHome != null && !stepwiseHome.isBlank()) {
            pluginRoots.add(Path.of(stepwiseHome).resolve("plugins"));
        }
        pluginRoots.add(GaugeSettings.gaugeHome(osEnv).resolve("plugins"));
        for (Path plugins : pluginRoots) {
            Path dir = plugins.resolve(id);
            searched.add(dir.resolve("<version>").resolve(id + ".json").toString());
            Optional<Path> latest = PluginVersions.latestVersionDir(dir);
            if (latest.isPresent() && Files.isRegularFile(latest.get().resolve(id + ".json"))) {
                return RunnerDescriptor.read(latest.get().resolve(id + ".json"));
            }
        }
        if (defaultDir.isPresent()) {
            Path f = defaultDir.get().resolve(id + ".json");
            searched.add(f.toString());
            if (Files.isRegularFile(f)) {
                return RunnerDescriptor.read(f);
            }
        }
        throw new ConfigException("Language runner '" + id + "' (manifest.json \"Language\") is not installed. "
                + "Searched: " + String.join(", ", searched)
                + ". Check the spelling of \"Language\" in manifest.json (\"stepwise-java\" is this repository's"
                + " runner), build it with scripts/stepwise (it builds runner/dist), or install the plugin.");
    }
}
