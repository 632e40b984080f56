package dev.stepwise.host.parser;

import java.util.Objects;
import java.util.Optional;

/**
 * A spec or scenario data table: inline ({@code |a|b|}) or external ({@code table: data.csv}).
 *
 * @param line   line of the header row, or of the {@code table:} line
 * @param table  the rows
 * @param source for an external table, the path as written after {@code table:}; empty for an inline one
 */
public record DataTable(int line, Table table, Optional<String> source) implements SpecItem {

    public DataTable {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(source, "source");
    }

    public boolean isExternal() {
        return source.isPresent();
    }
}
