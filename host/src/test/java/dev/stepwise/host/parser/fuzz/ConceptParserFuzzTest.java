package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stepwise.host.parser.ConceptParser;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.Resolver;
import dev.stepwise.host.parser.SpecParser;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes the concept parser with arbitrary text: the input is split into up to three {@code .cpt} files at each
 * {@code \f} (form feed), parsed and linked, then parsed again as a spec that may call those concepts, and every step
 * is expanded by the {@link Resolver}. Regression inputs: {@code ConceptParserFuzzTestInputs/}.
 */
class ConceptParserFuzzTest {

    private static final ConceptParser CONCEPTS = new ConceptParser(FuzzSupport.PROJECT, FuzzSupport.SETTINGS);
    private static final Resolver RESOLVER = new Resolver(FuzzSupport.PROJECT, FuzzSupport.SETTINGS);
    private static final Path SPEC = FuzzSupport.PROJECT.resolve("specs").resolve("uses-concepts.spec");

    @FuzzTest(maxDuration = "60s")
    // No control characters: Jazzer writes these into a libFuzzer dictionary file, which cannot hold them raw.
    @DictionaryEntries({"# ", "## ", "* ", "|", "|---|", "<", ">", "\"", "\\", "{}", "\"\"\"", "<a>",
            "<file:", "<table:", "hello.txt", "../../outside/secret.txt", "escape.txt", "# A <x>", "* B <x>", "# B <y>", "* A <y>"})
    void parseArbitraryConcepts(byte[] input) throws Exception {
        String text = FuzzSupport.text(input);
        Map<Path, String> files = new LinkedHashMap<>();
        String[] parts = text.split("\f", 3);
        for (int i = 0; i < parts.length; i++) {
            files.put(FuzzSupport.PROJECT.resolve("concepts").resolve("c" + i + ".cpt"), parts[i]);
        }
        ConceptRegistry registry = FuzzSupport.bounded(text.length(), () -> CONCEPTS.parse(files));
        FuzzSupport.checkConcepts(registry, files);

        // The same text as a spec calling those concepts: linking, nesting and expansion under arbitrary input.
        String spec = "# Spec\n## Scenario\n" + parts[0];
        SpecParser parser = new SpecParser(FuzzSupport.PROJECT, FuzzSupport.SETTINGS, registry);
        ParsedSpec parsed = FuzzSupport.bounded(spec.length(), () -> parser.parse(SPEC, spec));
        FuzzSupport.checkSpec(parsed, SPEC, spec);
        FuzzSupport.bounded(spec.length(), () -> FuzzSupport.expandAll(parsed.spec(), RESOLVER, spec));
    }
}
