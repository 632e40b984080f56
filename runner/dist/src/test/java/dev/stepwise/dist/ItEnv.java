package dev.stepwise.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Paths and facts the ITs get from the build (failsafe system properties). */
final class ItEnv {

    private ItEnv() {
    }

    static Path pluginDir() {
        return Path.of(required("stepwise.pluginDir"));
    }

    static String pluginVersion() {
        return required("stepwise.pluginVersion");
    }

    static String projectVersion() {
        return required("stepwise.projectVersion");
    }

    static Path repoRoot() {
        return Path.of(required("stepwise.repoRoot"));
    }

    /** A fresh folder under target/it-work, so a failed run leaves its evidence behind. */
    static Path newWorkDir(String name) {
        try {
            Path base = Path.of(System.getProperty("stepwise.itWorkDir", "target/it-work"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    /** The launcher Gauge runs on this OS, as the descriptor names it. */
    static String launcher() {
        return isWindows() ? "bin\\stepwise-runner.cmd" : "bin/stepwise-runner";
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the ITs through Maven (mvn verify)");
        }
        return value;
    }
}
