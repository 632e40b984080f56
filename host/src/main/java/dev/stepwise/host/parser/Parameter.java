package dev.stepwise.host.parser;

import java.util.Objects;
import java.util.Optional;

/**
 * A parameter exactly as Gauge sends it in ExecuteStepRequest (ProtoParameter).
 *
 * @param type  Gauge's parameter type
 * @param name  empty for static and inline tables; the column or concept parameter name for dynamic;
 *              {@code file:path} / {@code table:path} for special parameters
 * @param value the text (file contents for {@code file:}); empty for tables
 * @param table the table for SPECIAL_TABLE and TABLE
 */
public record Parameter(Type type, String name, String value, Optional<Table> table) {

    /** Mirrors ProtoParameter.ParameterType. */
    public enum Type { STATIC, DYNAMIC, SPECIAL_STRING, SPECIAL_TABLE, TABLE }

    public Parameter {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(table, "table");
    }
}
