package dev.stepwise.host.parser;

import java.util.Objects;
import java.util.Optional;

/**
 * One argument of a step as written.
 *
 * @param kind  what the argument is
 * @param value STATIC: the unescaped text; DYNAMIC: the name inside the brackets; SPECIAL_STRING: the file contents;
 *              SPECIAL_TABLE: the path; MULTILINE_STRING: the block text; TABLE: empty
 * @param name  DYNAMIC: the name; SPECIAL_STRING/SPECIAL_TABLE: {@code file:path}/{@code table:path}; else empty
 * @param table SPECIAL_TABLE and TABLE only
 */
public record StepArg(Kind kind, String value, String name, Optional<Table> table) {

    /** Argument kinds, mirroring Gauge's StepArg types. */
    public enum Kind { STATIC, DYNAMIC, SPECIAL_STRING, SPECIAL_TABLE, TABLE, MULTILINE_STRING }

    public StepArg {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
    }

    public static StepArg ofStatic(String value) {
        return new StepArg(Kind.STATIC, value, "", Optional.empty());
    }

    public static StepArg ofDynamic(String name) {
        return new StepArg(Kind.DYNAMIC, name, name, Optional.empty());
    }

    /** The text Gauge puts between {@code <>} in a parameterized step value. */
    public String parameterizedName() {
        return switch (kind) {
            case STATIC, DYNAMIC, MULTILINE_STRING -> value;
            case SPECIAL_STRING, SPECIAL_TABLE -> name;
            case TABLE -> "table";
        };
    }

    /** Whether this argument has a {@code {}} placeholder in the step value (all but MULTILINE_STRING). */
    public boolean hasPlaceholder() {
        return kind != Kind.MULTILINE_STRING;
    }
}
