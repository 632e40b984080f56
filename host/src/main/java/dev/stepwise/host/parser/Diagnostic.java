package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One parse error or warning, with a 1-based line and column and a message that says what to do.
 *
 * @param severity ERROR stops the spec from running; WARNING is informational
 * @param file     the file the diagnostic is about
 * @param line     1-based line number
 * @param column   1-based column number
 * @param message  what happened and, where useful, what to do about it
 */
public record Diagnostic(Severity severity, Path file, int line, int column, String message) {

    /** How serious a diagnostic is. */
    public enum Severity { ERROR, WARNING }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    public static Diagnostic error(Path file, int line, int column, String message) {
        return new Diagnostic(Severity.ERROR, file, line, column, message);
    }

    public static Diagnostic warning(Path file, int line, int column, String message) {
        return new Diagnostic(Severity.WARNING, file, line, column, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column: ERROR message}, the form editors and terminals link to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + severity + " " + message;
    }
}
