package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.stepwise.host.parser.ConceptParser;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.Resolver;
import dev.stepwise.host.parser.SpecParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the concept parser with structured input: one to three concept files, each a mutated concept of the
 * repository's corpus or a generated chain of nested concepts (possibly closing into a cycle), then a spec that calls
 * them, parsed and expanded. Regression inputs: {@code ConceptFragmentFuzzTestInputs/}.
 */
class ConceptFragmentFuzzTest {

    private static final List<String> CONCEPT_SEEDS = seeds();
    private static final Resolver RESOLVER = new Resolver(FuzzSupport.PROJECT, FuzzSupport.SETTINGS);
    private static final Path SPEC = FuzzSupport.PROJECT.resolve("specs").resolve("calls.spec");

    private static List<String> seeds() {
        List<String> out = new ArrayList<>(FuzzSupport.corpus(".cpt"));
        out.add("# Login as <user>\n* Open <file:hello.txt>\n* Type <user>\n   |k|v|\n   |name|<user>|\n");
        out.add("# A <x>\n* B <x>\n\n# B <y>\n* Step \"<y>\" and <y>\n");
        return out;
    }

    /** {@code # C0 <p>} calling {@code C1 <p>} ... calling {@code Cn-1}; the last calls C0 when {@code cyclic}. */
    private static String chain(int n, boolean cyclic) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("# C").append(i).append(" <p>\n");
            if (i + 1 < n) {
                sb.append("* C").append(i + 1).append(" <p>\n\n");
            } else {
                sb.append(cyclic ? "* C0 <p>\n\n" : "* Leaf <p>\n   |a|\n   |<p>|\n\n");
            }
        }
        return sb.toString();
    }

    @FuzzTest(maxDuration = "60s")
    void parseMutatedConcepts(FuzzedDataProvider data) throws Exception {
        Map<Path, String> files = new LinkedHashMap<>();
        int count = data.consumeInt(1, 3);
        for (int i = 0; i < count; i++) {
            String base = data.consumeBoolean()
                    // Mostly short chains (fast, many executions); one in sixteen as deep as 64 KiB allows.
                    ? chain(data.consumeInt(0, 15) == 0 ? data.consumeInt(1, 3000) : data.consumeInt(1, 40),
                            data.consumeBoolean())
                    : CONCEPT_SEEDS.get(data.consumeInt(0, CONCEPT_SEEDS.size() - 1));
            files.put(FuzzSupport.PROJECT.resolve("concepts").resolve("f" + i + ".cpt"), Mutator.mutate(base, data));
        }
        boolean multiline = data.consumeBoolean();
        ConceptParser parser = new ConceptParser(FuzzSupport.PROJECT,
                multiline ? FuzzSupport.MULTILINE_SETTINGS : FuzzSupport.SETTINGS);
        int size = files.values().stream().mapToInt(String::length).sum();
        ConceptRegistry registry = FuzzSupport.bounded(size, () -> parser.parse(files));
        FuzzSupport.checkConcepts(registry, files);

        String spec = "# Spec\n|p|\n|---|\n|v|\n## Calls\n* C0 <p>\n* A \"x\"\n* Login as \"bob\"\n"
                + "* Login as <p>\n* " + data.consumeRemainingAsString() + "\n";
        SpecParser specs = new SpecParser(FuzzSupport.PROJECT, FuzzSupport.SETTINGS, registry);
        String text = FuzzSupport.cap(spec);
        ParsedSpec parsed = FuzzSupport.bounded(text.length(), () -> specs.parse(SPEC, text));
        FuzzSupport.checkSpec(parsed, SPEC, text);
        FuzzSupport.bounded(text.length(), () -> FuzzSupport.expandAll(parsed.spec(), RESOLVER, text));
    }
}
