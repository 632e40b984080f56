package dev.stepwise.host.plugins;

import dev.stepwise.host.launch.PluginVersions;
import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.DescriptorFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plugin's {@code plugin.json} as Gauge reads it ({@code plugin/descriptor.go}). Scope and capability values are
 * lowercased, as Gauge compares them.
 *
 * @param file         the descriptor
 * @param id           plugin id
 * @param version      its version
 * @param name         display name
 * @param command      the command for this OS (argv; argv[0] relative to the plugin folder)
 * @param scopes       lowercased scopes: {@code execution} (reporter), {@code documentation} (documenter)
 * @param capabilities lowercased capabilities; {@code grpc_support} is required
 * @param minimumGauge {@code gaugeVersionSupport.minimum}, or empty
 * @param maximumGauge {@code gaugeVersionSupport.maximum}, or empty
 */
public record PluginDescriptor(Path file, String id, String version, String name, List<String> command,
                               List<String> scopes, List<String> capabilities, String minimumGauge,
                               String maximumGauge) {
    /** The Gauge version whose protocol the host speaks (gauge-protocol.md), checked against gaugeVersionSupport. */
    public static final String GAUGE_VERSION = "1.6.35";

    public PluginDescriptor {
        command = List.copyOf(command);
        scopes = List.copyOf(scopes);
        capabilities = List.copyOf(capabilities);
    }

    /** The plugin folder: its working directory. */
    public Path installDir() {
        return file.toAbsolutePath().getParent();
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    public boolean grpcSupport() {
        return capabilities.contains("grpc_support");
    }

    /** Empty when this host's Gauge version is within {@code gaugeVersionSupport}; else why not. */
    public String versionProblem() {
        int[] us = PluginVersions.parse(GAUGE_VERSION);
        if (!minimumGauge.isBlank()) {
            int[] min = PluginVersions.parse(minimumGauge.strip());
            if (min != null && PluginVersions.compare(us, min) < 0) {
                return "it needs Gauge " + minimumGauge + " or newer; Stepwise speaks Gauge " + GAUGE_VERSION;
            }
        }
        if (!maximumGauge.isBlank()) {
            int[] max = PluginVersions.parse(maximumGauge.strip());
            if (max != null && PluginVersions.compare(us, max) > 0) {
                return "it supports Gauge up to " + maximumGauge + "; Stepwise speaks Gauge " + GAUGE_VERSION;
            }
        }
        return "";
    }

    public String label() {
        return id + " " + version;
    }

    public static PluginDescriptor read(Path file) {
        Map<?, ?> map = DescriptorFiles.readObject(file, "Plugin descriptor", "", "");
        String os = DescriptorFiles.osKey();
        List<String> command = new ArrayList<>();
        if (map.get("command") instanceof Map<?, ?> cmd) {
            Object forOs = cmd.get(os);
            if (forOs instanceof List<?> argv) {
                argv.forEach(o -> command.add(String.valueOf(o)));
            } else if (forOs instanceof String s && !s.isBlank()) {
                command.add(s);
            }
        }
        if (command.isEmpty()) {
            throw new ConfigException("Plugin descriptor " + file + " has no \"command\": {\"" + os
                    + "\": [...]} for this OS");
        }
        String min = "";
        String max = "";
        if (map.get("gaugeVersionSupport") instanceof Map<?, ?> v) {
            min = v.get("minimum") == null ? "" : String.valueOf(v.get("minimum"));
            max = v.get("maximum") == null ? "" : String.valueOf(v.get("maximum"));
        }
        return new PluginDescriptor(file, string(map.get("id")), string(map.get("version")), string(map.get("name")),
                command, lowered(map.get("scope")), lowered(map.get("capabilities")), min, max);
    }

    private static String string(Object o) {
        return o == null ? "" : o.toString();
    }

    private static List<String> lowered(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> list) {
            list.forEach(x -> out.add(String.valueOf(x).strip().toLowerCase(Locale.ROOT)));
        } else if (o instanceof String s) {
            out.add(s.strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
