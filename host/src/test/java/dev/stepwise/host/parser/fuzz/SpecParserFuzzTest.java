package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the spec parser with arbitrary text ({@link SpecParserTarget}). In {@code mvn verify} it runs in regression
 * mode over {@code SpecParserFuzzTestInputs/} (the repository's spec corpus plus every crash ever found); with
 * {@code JAZZER_FUZZ=1} it fuzzes for a fixed number of inputs from a fixed seed ({@link RepeatableFuzzSession}).
 *
 * <p>This class holds only the JUnit side and names no parser type, as do the other fuzz test classes: JUnit loads it
 * before Jazzer's agent is installed, and Jazzer numbers the coverage of such an early class from the bytes the JVM
 * reconstructs, whose method order changes from run to run; that alone made two sessions with the same seed differ.
 * Everything the target touches is loaded later, during the session, from the class files as compiled.
 */
@ExtendWith(RepeatableFuzzSession.class)
class SpecParserFuzzTest {

    @FuzzTest(maxDuration = FuzzSupport.SESSION_CAP, maxExecutions = 20_000)
    // No control characters: Jazzer writes these into a libFuzzer dictionary file, which cannot hold them raw.
    @DictionaryEntries({"# ", "## ", "* ", "|", "|---|", "\\|", "<", ">", "\"", "\\", "{}", "\"\"\"",
            "tags:", "Tags :", "table:", "___", "===", "---", "<file:", "<table:", "hello.txt", "users.csv",
            "escape.txt", "inside.txt", "../", "../../outside/secret.txt", "/etc/passwd"})
    void parseArbitraryText(byte[] input) throws Exception {
        SpecParserTarget.parseArbitraryText(input);
    }
}
