package dev.stepwise.host.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The settings Gauge reads from {@code gauge.properties} ({@code $GAUGE_HOME/config}, else {@code ~/.gauge/config})
 * that matter to the host.
 *
 * @param runnerConnectionTimeout how long to wait for a runner's port line and first answer
 * @param runnerRequestTimeout    deadline for request RPCs (ValidateStep, Kill)
 * @param killTimeout             how long to wait for the runner to exit after Kill before ending it
 */
public record GaugeSettings(Duration runnerConnectionTimeout, Duration runnerRequestTimeout, Duration killTimeout) {

    public static GaugeSettings defaults() {
        return new GaugeSettings(Duration.ofMillis(30000), Duration.ofMillis(30000), Duration.ofMillis(4000));
    }

    /**
     * Reads gauge.properties, then lets {@code runner_request_timeout} from the environment (OS or env properties)
     * override it, as Gauge does.
     */
    public static GaugeSettings load(Map<String, String> osEnv, Environment env) {
        Properties p = new Properties();
        Path file = gaugeHome(osEnv).resolve("config").resolve("gauge.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Could not read " + file + ": " + e.getMessage(), e);
            }
        }
        GaugeSettings d = defaults();
        Duration connect = millis(p.getProperty("runner_connection_timeout"), d.runnerConnectionTimeout(), file);
        Duration request = millis(p.getProperty("runner_request_timeout"), d.runnerRequestTimeout(), file);
        Duration kill = millis(p.getProperty("plugin_kill_timeout"), d.killTimeout(), file);
        String fromEnv = osEnv.get("runner_request_timeout");
        if (fromEnv == null && env != null) {
            fromEnv = env.properties().get("runner_request_timeout");
        }
        request = millis(fromEnv, request, Path.of("runner_request_timeout"));
        return new GaugeSettings(connect, request, kill);
    }

    /** {@code $GAUGE_HOME}, else {@code ~/.gauge}. */
    public static Path gaugeHome(Map<String, String> osEnv) {
        String home = osEnv.get("GAUGE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".gauge");
    }

    private static Duration millis(String value, Duration fallback, Path where) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": a timeout must be a number of milliseconds, got '" + value + "'", e);
        }
    }
}
