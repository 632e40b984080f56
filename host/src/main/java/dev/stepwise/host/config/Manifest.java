package dev.stepwise.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A project's {@code manifest.json}. Keys match case-insensitively, as Go's JSON decoding does in Gauge.
 *
 * @param file           the manifest file
 * @param language       the runner id ({@code Language})
 * @param plugins        reporter plugin ids ({@code Plugins})
 * @param environmentDir the {@code EnvironmentDir}, if given
 */
public record Manifest(Path file, String language, List<String> plugins, Optional<String> environmentDir) {

    public static final String FILE_NAME = "manifest.json";

    public Manifest {
        plugins = List.copyOf(plugins);
    }

    /** Reads {@code root/manifest.json}. */
    public static Manifest read(Path root) {
        Path file = root.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + " not found: " + root
                    + " is not a Gauge project. Give the project folder with --project, or create a manifest.json"
                    + " like {\"Language\": \"stepwise-java\", \"Plugins\": []}", e);
        } catch (IOException e) {
            throw new ConfigException("Could not read " + file + ": " + e.getMessage(), e);
        }
        return parse(file, text);
    }

    /** Parses manifest text; {@code file} is used in messages only. */
    public static Manifest parse(Path file, String text) {
        Object json;
        try {
            json = Json.parse(text);
        } catch (Json.JsonException e) {
            throw new ConfigException(file + " is not valid JSON (" + e.getMessage() + "). Fix the file.", e);
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw new ConfigException(file + " must hold a JSON object with \"Language\" and \"Plugins\", not "
                    + kind(json) + ", e.g. {\"Language\": \"stepwise-java\", \"Plugins\": []}. Fix the file.");
        }
        String language = null;
        List<String> plugins = new ArrayList<>();
        String envDir = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            switch (key) {
                case "language" -> {
                    if (!(v instanceof String s)) {
                        throw new ConfigException(file + ": \"Language\" must be a string such as \"stepwise-java\", not "
                                + kind(v) + ". Fix the file.");
                    }
                    language = s.strip();
                }
                case "plugins" -> {
                    if (v == null) {
                        break;
                    }
                    if (!(v instanceof List<?> list)) {
                        throw new ConfigException(file + ": \"Plugins\" must be an array of plugin ids such as"
                                + " [\"html-report\"], not " + kind(v) + ". Fix the file.");
                    }
                    for (Object o : list) {
                        if (!(o instanceof String s)) {
                            throw new ConfigException(file + ": \"Plugins\" must hold only strings (plugin ids),"
                                    + " found " + kind(o) + ". Fix the file.");
                        }
                        plugins.add(s.strip());
                    }
                }
                case "environmentdir" -> {
                    if (v instanceof String s && !s.isBlank()) {
                        envDir = s.strip();
                    }
                }
                default -> {
                    // Gauge ignores unknown keys.
                }
            }
        }
        if (language == null || language.isEmpty()) {
            throw new ConfigException(file + ": \"Language\" is missing. Add \"Language\": \"stepwise-java\"");
        }
        return new Manifest(file, language, plugins, Optional.ofNullable(envDir));
    }

    /** What a JSON value is, for messages: {@code a number (3.0)}, {@code an array}, ... */
    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        return (v instanceof Boolean ? "a boolean (" : "a number (") + v + ")";
    }
}
