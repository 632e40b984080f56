package dev.stepwise.host.parser;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The concepts of a project, looked up by step value, plus the diagnostics found while parsing them. Immutable;
 * built once by {@link ConceptParser} and passed to {@link SpecParser}.
 */
public final class ConceptRegistry {

    private static final ConceptRegistry EMPTY = new ConceptRegistry(List.of(), List.of());

    private final List<Concept> concepts;
    private final Map<String, Concept> byValue;
    private final List<Diagnostic> diagnostics;

    ConceptRegistry(List<Concept> concepts, List<Diagnostic> diagnostics) {
        this.concepts = List.copyOf(concepts);
        this.diagnostics = List.copyOf(diagnostics);
        Map<String, Concept> map = new HashMap<>();
        for (Concept c : this.concepts) {
            map.putIfAbsent(c.value(), c);
        }
        // Not Map.copyOf: its iteration order changes from JVM to JVM, and the parser fuzz tests' sessions, which must
        // repeat exactly, see that order through Jazzer's lookup hooks.
        this.byValue = Collections.unmodifiableMap(map);
    }

    public static ConceptRegistry empty() {
        return EMPTY;
    }

    /** The concept whose value (matching key, e.g. {@code Login as {}}) equals {@code stepValue}. */
    public Optional<Concept> find(String stepValue) {
        return Optional.ofNullable(byValue.get(stepValue));
    }

    /** Concepts in file and line order (concepts in a reference cycle are left out). */
    public List<Concept> concepts() {
        return concepts;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
