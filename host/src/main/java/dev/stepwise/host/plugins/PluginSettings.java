package dev.stepwise.host.plugins;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.GaugeSettings;
import dev.stepwise.host.config.ProjectConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Timeouts and limits for plugins. Gauge's own keys come from {@code gauge.properties}; Stepwise's from the OS
 * environment or the project's env properties (OS first).
 *
 * @param connectTimeout {@code plugin_connection_timeout} (gauge.properties, default 10 s): wait for the port line
 * @param killTimeout    {@code plugin_kill_timeout} (gauge.properties, default 4 s): grace after Kill
 * @param rawKillTimeout the raw {@code plugin_kill_timeout} value Gauge passes to plugins, or empty
 * @param callTimeout    {@code stepwise_plugin_request_timeout} (default 60 s): deadline of one Reporter call. Gauge
 *                       has none, so one hung plugin hangs the run; here it is dropped instead
 * @param queueCapacity  {@code stepwise_plugin_queue_size} (default 1024): events held per reporter
 * @param docsTimeout    {@code stepwise_docs_timeout} (default 10 min; 0: none): deadline of a documentation plugin's
 *                       {@code GenerateDocs}. Gauge has none, so a hung documenter hangs {@code gauge docs}; here it
 *                       is killed and the command fails
 */
public record PluginSettings(Duration connectTimeout, Duration killTimeout, String rawKillTimeout,
                             Duration callTimeout, int queueCapacity, Duration docsTimeout) {

    public static PluginSettings defaults() {
        return new PluginSettings(Duration.ofSeconds(10), Duration.ofSeconds(4), "", Duration.ofSeconds(60), 1024,
                Duration.ofMinutes(10));
    }

    public static PluginSettings load(Map<String, String> osEnv, ProjectConfig config) {
        Properties p = new Properties();
        Path file = GaugeSettings.gaugeHome(osEnv).resolve("config").resolve("gauge.properties");
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Could not read " + file + ": " + e.getMessage(), e);
            }
        }
        PluginSettings d = defaults();
        String rawKill = p.getProperty("plugin_kill_timeout", "").strip();
        return new PluginSettings(
                millis(p.getProperty("plugin_connection_timeout"), d.connectTimeout(), "plugin_connection_timeout"),
                millis(rawKill, d.killTimeout(), "plugin_kill_timeout"), rawKill,
                millis(setting(osEnv, config, "stepwise_plugin_request_timeout"), d.callTimeout(),
                        "stepwise_plugin_request_timeout"),
                (int) Math.max(1, millis(setting(osEnv, config, "stepwise_plugin_queue_size"),
                        Duration.ofMillis(d.queueCapacity()), "stepwise_plugin_queue_size").toMillis()),
                millis(setting(osEnv, config, "stepwise_docs_timeout"), d.docsTimeout(), "stepwise_docs_timeout"));
    }

    /** An OS variable, else the project's env property, else null. */
    public static String setting(Map<String, String> osEnv, ProjectConfig config, String key) {
        String v = osEnv.get(key);
        if (v == null && config != null) {
            v = config.env().properties().get(key);
        }
        return v;
    }

    /** Where {@link #setting} found {@code key}, for messages: "the OS environment" or the properties file:line. */
    public static String source(Map<String, String> osEnv, ProjectConfig config, String key) {
        if (osEnv.containsKey(key)) {
            return "the OS environment";
        }
        return config == null ? "unknown" : config.env().source(key);
    }

    public PluginSettings withCallTimeout(Duration d) {
        return new PluginSettings(connectTimeout, killTimeout, rawKillTimeout, d, queueCapacity, docsTimeout);
    }

    private static Duration millis(String value, Duration fallback, String key) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number (milliseconds or a count), got '" + value + "'",
                    e);
        }
    }
}
