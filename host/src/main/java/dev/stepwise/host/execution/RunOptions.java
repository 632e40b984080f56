package dev.stepwise.host.execution;

import dev.stepwise.api.tags.TagExpression;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to run.
 *
 * @param specArgs      spec files, folders or {@code file:LINE}, relative to the project root; empty for the
 *                      spec dirs of the environment
 * @param tags          the {@code --tags} filter ({@link TagExpression#always()} when none)
 * @param tableRows     1-based spec data-table rows to run, or empty for all
 * @param streams       numberOfExecutionStreams sent in ExecutionInfo
 * @param executionArgs the flags given explicitly, as Gauge's ExecutionArgs
 */
public record RunOptions(List<String> specArgs, TagExpression tags, Set<Integer> tableRows, int streams,
                         Map<String, List<String>> executionArgs) {
    public RunOptions {
        specArgs = List.copyOf(specArgs);
        tableRows = Set.copyOf(tableRows);
        executionArgs = Map.copyOf(executionArgs);
    }

    public static RunOptions defaults() {
        return new RunOptions(List.of(), TagExpression.always(), Set.of(),
                Runtime.getRuntime().availableProcessors(), Map.of());
    }

    /** Parses {@code --table-rows}: {@code 2-4} or {@code 1,3}. */
    public static Set<Integer> parseTableRows(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        java.util.Set<Integer> rows = new java.util.TreeSet<>();
        for (String part : value.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).strip());
                    int to = Integer.parseInt(p.substring(dash + 1).strip());
                    if (from < 1 || to < from) {
                        throw new IllegalArgumentException("Invalid --table-rows range '" + p
                                + "': use 1-based rows such as 2-4");
                    }
                    for (int i = from; i <= to; i++) {
                        rows.add(i);
                    }
                } else {
                    int r = Integer.parseInt(p);
                    if (r < 1) {
                        throw new IllegalArgumentException("Invalid --table-rows value '" + p
                                + "': rows are 1-based");
                    }
                    rows.add(r);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid --table-rows value '" + value
                        + "': use rows such as 2-4 or 1,3", e);
            }
        }
        return rows;
    }
}
