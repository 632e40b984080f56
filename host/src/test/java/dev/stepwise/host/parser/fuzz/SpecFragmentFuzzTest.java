package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the spec parser with valid specs mutated line by line: a spec of the repository's corpus is picked, lines
 * are inserted (grammar fragments, including {@code ../} and symbolic-link escapes in {@code file:} and
 * {@code table:}), deleted, duplicated, replaced and spliced, then parsed with the corpus's concepts and expanded.
 * Regression inputs: {@code SpecFragmentFuzzTestInputs/}.
 *
 * <p>The body is {@link SpecFragmentTarget}; this class names no parser type (see {@link SpecParserFuzzTest} for
 * why).
 */
@ExtendWith(RepeatableFuzzSession.class)
class SpecFragmentFuzzTest {

    @FuzzTest(maxDuration = FuzzSupport.SESSION_CAP, maxExecutions = 10_000)
    void parseMutatedSpec(FuzzedDataProvider data) throws Exception {
        SpecFragmentTarget.parseMutatedSpec(data);
    }
}
