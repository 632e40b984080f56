package dev.stepwise.runner.execution;

import java.util.List;

/**
 * One argument of a step as the orchestrator sent it: text, or a table's raw cells (turned into a
 * {@link dev.stepwise.api.Table} only when bound, so a malformed table fails that step alone).
 *
 * @param name    the data-table column, concept parameter or special prefix; may be empty
 * @param value   the text, for text arguments
 * @param headers the table's header cells, for table arguments
 * @param rows    the table's rows, for table arguments
 */
public record Argument(String name, String value, List<String> headers, List<List<String>> rows, boolean isTable) {

    public Argument {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static Argument text(String name, String value) {
        return new Argument(name, value, List.of(), List.of(), false);
    }

    public static Argument table(String name, List<String> headers, List<List<String>> rows) {
        return new Argument(name, "", headers, rows, true);
    }
}
