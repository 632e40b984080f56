package dev.stepwise.host.plugins;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.GaugeSettings;
import dev.stepwise.host.launch.PluginVersions;
import dev.stepwise.host.launch.RepositoryBuild;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a plugin's {@code plugin.json}: {@code $STEPWISE_HOME/plugins/<id>/<version>/plugin.json}, then
 * {@code $GAUGE_HOME/plugins/<id>/<version>/plugin.json} (default {@code ~/.gauge/plugins}); the highest version
 * in the first root that has the plugin; last, the plugin folders built in this repository
 * ({@link RepositoryBuild#pluginDirs()}). Nothing is ever downloaded: a run needs no network.
 */
public final class PluginLocator {
    private final Map<String, String> osEnv;

    public PluginLocator(Map<String, String> osEnv) {
        this.osEnv = osEnv;
    }

    /** The roots searched, in order. */
    public List<Path> roots() {
        List<Path> roots = new ArrayList<>();
        String stepwiseHome = osEnv.get("STEPWISE_HOME");
        if (stepwiseHome != null && !stepwiseHome.isBlank()) {
            roots.add(Path.of(stepwiseHome).resolve("plugins"));
        }
        roots.add(GaugeSettings.gaugeHome(osEnv).resolve("plugins"));
        return roots;
    }

    public PluginDescriptor find(String id) {
        List<String> searched = new ArrayList<>();
        for (Path root : roots()) {
            Path dir = root.resolve(id);
            searched.add(dir.resolve("<version>").resolve("plugin.json").toString());
            Optional<Path> latest = PluginVersions.latestVersionDir(dir);
            if (latest.isPresent() && Files.isRegularFile(latest.get().resolve("plugin.json"))) {
                return PluginDescriptor.read(latest.get().resolve("plugin.json"));
            }
        }
        for (Path built : RepositoryBuild.pluginDirs()) {
            searched.add(built.resolve("plugin.json").toString());
            PluginDescriptor descriptor = PluginDescriptor.read(built.resolve("plugin.json"));
            if (descriptor.id().equals(id)) {
                return descriptor;
            }
        }
        throw new ConfigException("Plugin '" + id + "' (manifest.json \"Plugins\") is not installed. Searched: "
                + String.join(", ", searched) + ". Install it there (a folder <id>/<version>/ holding plugin.json),"
                + " or remove it from manifest.json.");
    }
}
