package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.SpecParser;

import java.nio.file.Path;

/**
 * Fuzzes the spec parser with arbitrary text. In {@code mvn verify} it runs in regression mode over
 * {@code SpecParserFuzzTestInputs/} (the repository's spec corpus plus every crash ever found); with
 * {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}. See {@link FuzzSupport} for the oracle.
 */
class SpecParserFuzzTest {

    private static final Path FILE = FuzzSupport.PROJECT.resolve("specs").resolve("fuzz.spec");
    private static final Path CONTROL_FILE = FuzzSupport.CONTROL.resolve("specs").resolve("fuzz.spec");

    private static SpecParser parser(Path root, boolean multiline) {
        return new SpecParser(root, multiline ? FuzzSupport.MULTILINE_SETTINGS : FuzzSupport.SETTINGS,
                ConceptRegistry.empty());
    }

    @FuzzTest(maxDuration = "60s")
    // No control characters: Jazzer writes these into a libFuzzer dictionary file, which cannot hold them raw.
    @DictionaryEntries({"# ", "## ", "* ", "|", "|---|", "\\|", "<", ">", "\"", "\\", "{}", "\"\"\"",
            "tags:", "Tags :", "table:", "___", "===", "---", "<file:", "<table:", "hello.txt", "users.csv",
            "escape.txt", "inside.txt", "../", "../../outside/secret.txt", "/etc/passwd"})
    void parseArbitraryText(byte[] input) throws Exception {
        String text = FuzzSupport.text(input);
        // The first byte picks Gauge's allow_multiline_step, so both lexer modes are explored.
        boolean multiline = input.length > 0 && (input[0] & 1) == 1;
        ParsedSpec parsed = FuzzSupport.bounded(text.length(), () -> parser(FuzzSupport.PROJECT, multiline)
                .parse(FILE, text));
        FuzzSupport.checkSpec(parsed, FILE, text);
        FuzzSupport.assertContained(FuzzSupport.render(parsed),
                () -> FuzzSupport.render(parser(FuzzSupport.CONTROL, multiline).parse(CONTROL_FILE, text)));
    }
}
