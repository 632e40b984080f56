package dev.stepwise.host.parser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario.
 *
 * @param heading   heading text
 * @param line      heading line
 * @param spanStart first line of the scenario (its heading)
 * @param spanEnd   last line that belongs to the scenario
 * @param tags      tag values (empty if none)
 * @param dataTable the scenario data table, if any
 * @param steps     the steps in order
 * @param items     heading excluded, everything in the scenario in source order (comments, tags, table, steps)
 */
public record Scenario(String heading, int line, int spanStart, int spanEnd, List<String> tags,
                       Optional<DataTable> dataTable, List<Step> steps, List<SpecItem> items) implements SpecItem {

    public Scenario {
        Objects.requireNonNull(heading, "heading");
        tags = List.copyOf(tags);
        Objects.requireNonNull(dataTable, "dataTable");
        steps = List.copyOf(steps);
        items = List.copyOf(items);
    }

    public boolean containsLine(int lineNumber) {
        return lineNumber >= spanStart && lineNumber <= spanEnd;
    }
}
