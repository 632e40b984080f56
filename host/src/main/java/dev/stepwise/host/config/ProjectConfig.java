package dev.stepwise.host.config;

import dev.stepwise.host.parser.ParserSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the host knows about a project before it parses specs.
 *
 * @param root     the project root (absolute, normalised)
 * @param manifest its manifest
 * @param env      its environment properties
 * @param gauge    settings from gauge.properties
 */
public record ProjectConfig(Path root, Manifest manifest, Environment env, GaugeSettings gauge) {

    /** Loads {@code root}'s manifest and environment {@code envArg} (may be null) against the OS environment. */
    public static ProjectConfig load(Path root, String envArg, Map<String, String> osEnv) {
        Path abs = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ConfigException("Project folder " + abs + " does not exist. Give an existing folder with --project.");
        }
        Manifest manifest = Manifest.read(abs);
        Environment env = Environment.load(abs, envArg, manifest, osEnv);
        return new ProjectConfig(abs, manifest, env, GaugeSettings.load(osEnv, env));
    }

    public String projectName() {
        return root.getFileName() == null ? root.toString() : root.getFileName().toString();
    }

    public ParserSettings parserSettings() {
        return ParserSettings.fromProperties(env.properties());
    }

    public boolean caseSensitiveTags() {
        return Boolean.parseBoolean(env.get("allow_case_sensitive_tags", "false").strip());
    }
}
