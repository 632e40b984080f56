package dev.stepwise.host.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What Gauge's plugin descriptors ({@code <id>.json} for runners, {@code plugin.json} for reporters) have in
 * common: a JSON object in a file, and commands keyed by operating system.
 */
public final class DescriptorFiles {

    private DescriptorFiles() {
    }

    /**
     * The JSON object in {@code file}, or a {@link ConfigException} naming the file.
     *
     * @param what        how to call the file in messages, e.g. "Runner descriptor"
     * @param invalidHint appended to the invalid-JSON message (may be empty)
     * @param notObject   appended to "must hold a JSON object" (may be empty)
     */
    public static Map<?, ?> readObject(Path file, String what, String invalidHint, String notObject) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("Could not read " + what.toLowerCase(Locale.ROOT) + " " + file + ": "
                    + e.getMessage(), e);
        }
        Object json;
        try {
            json = Json.parse(text);
        } catch (Json.JsonException e) {
            throw new ConfigException(what + " " + file + " is not valid JSON (" + e.getMessage() + ")" + invalidHint,
                    e);
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw new ConfigException(what + " " + file + " must hold a JSON object" + notObject);
        }
        return map;
    }

    /** The key Gauge uses for this operating system in {@code run}/{@code command}: windows, darwin or linux. */
    public static String osKey() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "windows";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "darwin";
        }
        return "linux";
    }
}
