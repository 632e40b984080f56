package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A concept from a {@code .cpt} file.
 *
 * @param file    the .cpt file
 * @param line    line of the {@code #} heading
 * @param heading the heading text as written
 * @param value   the matching key ({@code <param>} replaced by {@code {}})
 * @param params  the heading's parameter names, in order
 * @param steps   the concept's steps; steps that call other concepts carry them
 */
public record Concept(Path file, int line, String heading, String value, List<String> params, List<Step> steps) {

    public Concept {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(heading, "heading");
        Objects.requireNonNull(value, "value");
        params = List.copyOf(params);
        steps = List.copyOf(steps);
    }

    /** Concepts are compared by identity of their location, so that recursive structures stay cheap. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Concept c && c.file.equals(file) && c.line == line && c.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, value);
    }

    @Override
    public String toString() {
        return "Concept[" + heading + " @ " + file + ":" + line + "]";
    }
}
