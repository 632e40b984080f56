package dev.stepwise.host.parser;

import java.util.List;
import java.util.Objects;

/**
 * One spec file's result: the model (always built, as far as the file allows) and its diagnostics.
 *
 * @param spec        the model
 * @param diagnostics errors and warnings in line order
 */
public record ParsedSpec(Spec spec, List<Diagnostic> diagnostics) {

    public ParsedSpec {
        Objects.requireNonNull(spec, "spec");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> !d.isError()).toList();
    }
}
