package dev.stepwise.host.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Parses ~2,000 generated specs one at a time (correctness only; no timing assertions). */
class GeneratedCorpusTest {

    private static String spec(int i) {
        StringBuilder sb = new StringBuilder("# Spec ").append(i).append("\n\nTags: gen, n").append(i % 7).append("\n\n");
        sb.append("|id|name|\n|--|----|\n");
        for (int r = 0; r < 3; r++) {
            sb.append('|').append(r).append("|user").append(r).append("|\n");
        }
        sb.append("\n* Context <id>\n");
        for (int s = 0; s < 5; s++) {
            sb.append("\n## Scenario ").append(s).append("\n* Say \"hello ").append(s).append("\" to <name>\n")
                    .append("* Plain step number ").append(s).append("\n   |a|b|\n   |1|2|\n");
        }
        return sb.toString();
    }

    @Test
    void parsesGeneratedSpecs() {
        SpecParser parser = new SpecParser(Fixtures.PROJECT, Fixtures.SETTINGS, ConceptRegistry.empty());
        AtomicInteger steps = new AtomicInteger();
        long errors = IntStream.range(0, 2000).parallel()
                .mapToObj(i -> parser.parse(Path.of("gen" + i + ".spec"), spec(i)))
                .peek(p -> p.spec().scenarios().forEach(s -> steps.addAndGet(s.steps().size())))
                .filter(ParsedSpec::hasErrors).count();
        assertEquals(0, errors);
        assertEquals(2000 * 5 * 2, steps.get());
    }
}
