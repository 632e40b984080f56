package dev.stepwise.reporter.event;

import java.util.Objects;

/** A parse or validation error that stopped (part of) a spec. {@code line} is 1-based, 0 if unknown. */
public record SpecError(Kind kind, String fileName, int line, String message) {
    public enum Kind { PARSE_ERROR, VALIDATION_ERROR }

    public SpecError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(message, "message");
    }
}
