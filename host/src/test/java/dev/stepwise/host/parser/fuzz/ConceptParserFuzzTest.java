package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the concept parser with arbitrary text: the input is split into up to three {@code .cpt} files at each
 * {@code \f} (form feed), parsed and linked, then parsed again as a spec that may call those concepts, and every step
 * is expanded by the {@code Resolver}. Regression inputs: {@code ConceptParserFuzzTestInputs/}.
 *
 * <p>The body is {@link ConceptParserTarget}; this class names no parser type (see {@link SpecParserFuzzTest} for
 * why).
 */
@ExtendWith(RepeatableFuzzSession.class)
class ConceptParserFuzzTest {

    @FuzzTest(maxDuration = FuzzSupport.SESSION_CAP, maxExecutions = 30_000)
    // No control characters: Jazzer writes these into a libFuzzer dictionary file, which cannot hold them raw.
    @DictionaryEntries({"# ", "## ", "* ", "|", "|---|", "<", ">", "\"", "\\", "{}", "\"\"\"", "<a>",
            "<file:", "<table:", "hello.txt", "../../outside/secret.txt", "escape.txt", "# A <x>", "* B <x>", "# B <y>", "* A <y>"})
    void parseArbitraryConcepts(byte[] input) throws Exception {
        ConceptParserTarget.parseArbitraryConcepts(input);
    }
}
