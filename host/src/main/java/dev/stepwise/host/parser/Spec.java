package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed specification file.
 *
 * @param file          the spec file
 * @param heading       heading text (empty if missing)
 * @param headingLine   heading line (0 if missing)
 * @param tags          spec tag values
 * @param dataTable     the spec data table (inline or {@code table:}), if any
 * @param contexts      steps before the first scenario
 * @param scenarios     scenarios in order
 * @param teardownSteps steps after {@code ___}
 * @param items         everything after the heading in source order (comments, tags, table, contexts, scenarios,
 *                      teardown marker, teardown steps)
 */
public record Spec(Path file, String heading, int headingLine, List<String> tags, Optional<DataTable> dataTable,
                   List<Step> contexts, List<Scenario> scenarios, List<Step> teardownSteps, List<SpecItem> items) {

    public Spec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(heading, "heading");
        tags = List.copyOf(tags);
        Objects.requireNonNull(dataTable, "dataTable");
        contexts = List.copyOf(contexts);
        scenarios = List.copyOf(scenarios);
        teardownSteps = List.copyOf(teardownSteps);
        items = List.copyOf(items);
    }
}
