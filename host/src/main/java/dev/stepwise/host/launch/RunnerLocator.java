package dev.stepwise.host.launch;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.GaugeSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
            Optional<Path> latest = latestVersionDir(dir);
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

    /** The highest directory under {@code dir} whose name parses as a version (a nightly suffix is ignored). */
    static Optional<Path> latestVersionDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> version(p.getFileName().toString()) != null)
                    .max(Comparator.comparing(p -> version(p.getFileName().toString()), RunnerLocator::compare));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code 1.2.3}, {@code 1.2.3-SNAPSHOT} or a nightly {@code 1.2.3.nightly-2024} give [1,2,3]. */
    static int[] version(String name) {
        String[] parts = name.split("[.-]");
        List<Integer> nums = new ArrayList<>();
        for (String p : parts) {
            if (p.isEmpty() || !p.chars().allMatch(Character::isDigit)) {
                break;
            }
            nums.add(Integer.parseInt(p));
        }
        if (nums.size() < 3) {
            return null;
        }
        return new int[] {nums.get(0), nums.get(1), nums.get(2)};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
