package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;

/** A table argument or data row: a header and rows of cells in header order. */
public record Table(List<String> headers, List<List<String>> rows) {
    public static final Table EMPTY = new Table(List.of(), List.of());

    public Table {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        rows = Objects.requireNonNull(rows, "rows").stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return headers.isEmpty() && rows.isEmpty();
    }
}
