package dev.stepwise.host.launch;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runner and plugin folders built in this repository, used when nothing is installed, so the
 * demo and the tests need no install step. Found from where the host's own classes are (walking up
 * to the checkout), or given explicitly with the system properties {@code stepwise.runner.default}
 * (one folder) and {@code stepwise.plugins.builtin} (folders separated by the path separator).
 */
public final class RepositoryBuild {

    private RepositoryBuild() {
    }

    /** The checkout this host was built in: the nearest ancestor holding {@code runner/dist}. */
    static Optional<Path> checkout() {
        try {
            Path here = Path.of(RepositoryBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("runner").resolve("dist"))) {
                    return Optional.of(p);
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source (unusual class loader): no checkout to fall back on
        }
        return Optional.empty();
    }

    /** The Java runner's plugin folder ({@code runner/dist/target/stepwise-java}), if built. */
    public static Optional<Path> runnerDir() {
        String prop = System.getProperty("stepwise.runner.default");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop));
        }
        return checkout().map(root -> root.resolve("runner/dist/target/stepwise-java")).filter(Files::isDirectory);
    }

    /**
     * Reporter plugin folders built here (each holding a {@code plugin.json}): {@code plugins/<name>/target/plugin}
     * and the SDK's example.
     */
    public static List<Path> pluginDirs() {
        String prop = System.getProperty("stepwise.plugins.builtin");
        List<Path> candidates = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            for (String part : prop.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    candidates.add(Path.of(part.trim()));
                }
            }
        } else {
            checkout().ifPresent(root -> {
                candidates.add(root.resolve("reporter-sdk-example/target/plugin"));
                try (Stream<Path> modules = Files.list(root.resolve("plugins"))) {
                    modules.sorted().forEach(m -> candidates.add(m.resolve("target/plugin")));
                } catch (IOException e) {
                    // no plugins folder in this checkout
                }
            });
        }
        return candidates.stream().filter(d -> Files.isRegularFile(d.resolve("plugin.json"))).toList();
    }
}
