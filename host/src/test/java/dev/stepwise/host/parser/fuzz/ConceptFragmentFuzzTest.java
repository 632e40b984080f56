package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the concept parser with structured input: one to three concept files, each a mutated concept of the
 * repository's corpus or a generated chain of nested concepts (possibly closing into a cycle), then a spec that calls
 * them, parsed and expanded. Regression inputs: {@code ConceptFragmentFuzzTestInputs/}.
 *
 * <p>The body is {@link ConceptFragmentTarget}; this class names no parser type (see {@link SpecParserFuzzTest} for
 * why).
 */
@ExtendWith(RepeatableFuzzSession.class)
class ConceptFragmentFuzzTest {

    @FuzzTest(maxDuration = FuzzSupport.SESSION_CAP, maxExecutions = 1_500)
    void parseMutatedConcepts(FuzzedDataProvider data) throws Exception {
        ConceptFragmentTarget.parseMutatedConcepts(data);
    }
}
