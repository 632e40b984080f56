package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.stepwise.host.parser.ConceptParser;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.ParserSettings;
import dev.stepwise.host.parser.Resolver;
import dev.stepwise.host.parser.SpecParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@link ConceptFragmentFuzzTest}: mutated concepts and nested chains, parsed, called from a spec and
 * expanded.
 */
final class ConceptFragmentTarget {

    private ConceptFragmentTarget() {
    }

    private static final List<String> CONCEPT_SEEDS = seeds();

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

    static void parseMutatedConcepts(FuzzedDataProvider data) throws Exception {
        List<String> texts = new ArrayList<>();
        int count = data.consumeInt(1, 3);
        for (int i = 0; i < count; i++) {
            String base = data.consumeBoolean()
                    // Mostly short chains (fast, many executions); one in sixteen as deep as 64 KiB allows.
                    ? chain(data.consumeInt(0, 15) == 0 ? data.consumeInt(1, 3000) : data.consumeInt(1, 40),
                            data.consumeBoolean())
                    : CONCEPT_SEEDS.get(data.consumeInt(0, CONCEPT_SEEDS.size() - 1));
            texts.add(Mutator.mutate(base, data));
        }
        boolean multiline = data.consumeBoolean();
        String spec = FuzzSupport.cap("# Spec\n|p|\n|---|\n|v|\n## Calls\n* C0 <p>\n* A \"x\"\n* Login as \"bob\"\n"
                + "* Login as <p>\n* " + data.consumeRemainingAsString() + "\n");
        int size = spec.length() + texts.stream().mapToInt(String::length).sum();
        String rendered = FuzzSupport.bounded(size, () -> run(FuzzSupport.PROJECT, texts, multiline, spec, true));
        FuzzSupport.assertContained(rendered, () -> run(FuzzSupport.CONTROL, texts, multiline, spec, false));
    }

    /** Parses the concept files and the spec in {@code root}, expands it; returns everything produced, as text. */
    private static String run(Path root, List<String> texts, boolean multiline, String spec, boolean check) {
        Map<Path, String> files = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            files.put(root.resolve("concepts").resolve("f" + i + ".cpt"), texts.get(i));
        }
        ParserSettings settings = multiline ? FuzzSupport.MULTILINE_SETTINGS : FuzzSupport.SETTINGS;
        ConceptRegistry registry = new ConceptParser(root, settings).parse(files);
        Path specFile = root.resolve("specs").resolve("calls.spec");
        ParsedSpec parsed = new SpecParser(root, FuzzSupport.SETTINGS, registry).parse(specFile, spec);
        if (check) {
            FuzzSupport.checkConcepts(registry, files);
            FuzzSupport.checkSpec(parsed, specFile, spec);
        }
        return FuzzSupport.render(registry) + FuzzSupport.render(parsed)
                + FuzzSupport.expandAll(parsed.spec(), new Resolver(root, FuzzSupport.SETTINGS));
    }
}
