package dev.stepwise.host.parser;

import java.util.List;

/**
 * Everything parsed from a project: specs, concepts and all diagnostics (concept diagnostics first).
 *
 * @param specs       specs in sorted path order
 * @param concepts    concepts in sorted path and line order
 * @param diagnostics every error and warning
 */
public record ParseResult(List<Spec> specs, List<Concept> concepts, List<Diagnostic> diagnostics) {

    public ParseResult {
        specs = List.copyOf(specs);
        concepts = List.copyOf(concepts);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
