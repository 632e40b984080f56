package dev.stepwise.host.parser.fuzz;

import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.SpecParser;

import java.nio.file.Path;

/**
 * The body of {@link SpecParserFuzzTest}: the spec parser on arbitrary text. See {@link FuzzSupport} for the oracle.
 */
final class SpecParserTarget {

    private static final Path FILE = FuzzSupport.PROJECT.resolve("specs").resolve("fuzz.spec");
    private static final Path CONTROL_FILE = FuzzSupport.CONTROL.resolve("specs").resolve("fuzz.spec");

    private SpecParserTarget() {
    }

    private static SpecParser parser(Path root, boolean multiline) {
        return new SpecParser(root, multiline ? FuzzSupport.MULTILINE_SETTINGS : FuzzSupport.SETTINGS,
                ConceptRegistry.empty());
    }

    static void parseArbitraryText(byte[] input) throws Exception {
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
