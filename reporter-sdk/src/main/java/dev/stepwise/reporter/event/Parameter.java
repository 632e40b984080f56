package dev.stepwise.reporter.event;

import java.util.Objects;

/**
 * One resolved step argument.
 *
 * @param kind  how it was written in the spec
 * @param name  the data-table column, concept parameter or special prefix ({@code file:x}); empty for a quoted value
 * @param value the value for string kinds; empty for tables
 * @param table the table for {@link Kind#TABLE} and {@link Kind#SPECIAL_TABLE}; {@link Table#EMPTY} otherwise
 */
public record Parameter(Kind kind, String name, String value, Table table) {
    public enum Kind { STATIC, DYNAMIC, SPECIAL_STRING, SPECIAL_TABLE, TABLE, MULTILINE_STRING }

    public Parameter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(table, "table");
    }

    public boolean isTable() {
        return kind == Kind.TABLE || kind == Kind.SPECIAL_TABLE;
    }
}
