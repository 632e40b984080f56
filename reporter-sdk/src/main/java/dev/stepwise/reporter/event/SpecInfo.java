package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;

/**
 * The spec an event belongs to.
 *
 * @param name     the spec heading
 * @param fileName absolute path of the spec file
 * @param tags     the spec's own tags
 */
public record SpecInfo(String name, String fileName, List<String> tags) {
    public static final SpecInfo NONE = new SpecInfo("", "", List.of());

    public SpecInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fileName, "fileName");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }
}
