package dev.stepwise.host.parser;

import java.util.List;

/**
 * A {@code Tags:} declaration, possibly continued over several lines.
 *
 * @param line    first line
 * @param endLine last line
 * @param values  trimmed, non-empty tag values in order
 */
public record Tags(int line, int endLine, List<String> values) implements SpecItem {

    public Tags {
        values = List.copyOf(values);
    }
}
