package dev.stepwise.host.parser.fuzz;

import dev.stepwise.host.parser.ConceptParser;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.Resolver;
import dev.stepwise.host.parser.SpecParser;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@link ConceptParserFuzzTest}: the concept parser on arbitrary text, linked, called from a spec and
 * expanded.
 */
final class ConceptParserTarget {

    private ConceptParserTarget() {
    }

    /** Parses the concept files and the spec in {@code root}; returns everything they produced, as text. */
    private static String run(Path root, Map<Path, String> files, String spec, boolean check) throws Exception {
        ConceptRegistry registry = new ConceptParser(root, FuzzSupport.SETTINGS).parse(files);
        Path specFile = root.resolve("specs").resolve("uses-concepts.spec");
        ParsedSpec parsed = new SpecParser(root, FuzzSupport.SETTINGS, registry).parse(specFile, spec);
        if (check) {
            FuzzSupport.checkConcepts(registry, files);
            FuzzSupport.checkSpec(parsed, specFile, spec);
        }
        return FuzzSupport.render(registry) + FuzzSupport.render(parsed)
                + FuzzSupport.expandAll(parsed.spec(), new Resolver(root, FuzzSupport.SETTINGS));
    }

    static void parseArbitraryConcepts(byte[] input) throws Exception {
        String text = FuzzSupport.text(input);
        String[] parts = text.split("\f", 3);
        // The first part again as a spec calling those concepts: linking, nesting and expansion under arbitrary input.
        String spec = "# Spec\n## Scenario\n" + parts[0];
        String rendered = FuzzSupport.bounded(text.length(),
                () -> run(FuzzSupport.PROJECT, files(FuzzSupport.PROJECT, parts), spec, true));
        FuzzSupport.assertContained(rendered, () -> run(FuzzSupport.CONTROL, files(FuzzSupport.CONTROL, parts), spec,
                false));
    }

    private static Map<Path, String> files(Path root, String[] parts) {
        Map<Path, String> files = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            files.put(root.resolve("concepts").resolve("c" + i + ".cpt"), parts[i]);
        }
        return files;
    }
}
