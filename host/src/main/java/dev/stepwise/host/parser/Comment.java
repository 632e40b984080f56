package dev.stepwise.host.parser;

import java.util.Objects;

/**
 * A line that is not any other construct. Blank lines are comments with empty text (Gauge sends them as "\n").
 *
 * @param line 1-based line
 * @param text the line with trailing whitespace removed
 */
public record Comment(int line, String text) implements SpecItem {

    public Comment {
        Objects.requireNonNull(text, "text");
    }

    public boolean isBlank() {
        return text.isBlank();
    }
}
