package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
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
 * The body of {@link SpecFragmentFuzzTest}: valid specs mutated line by line, parsed with concepts and expanded.
 */
final class SpecFragmentTarget {

    private SpecFragmentTarget() {
    }

    private static final List<String> SPECS = seeds();
    private static final ConceptRegistry CONCEPTS = concepts(FuzzSupport.PROJECT);
    private static final ConceptRegistry CONTROL_CONCEPTS = concepts(FuzzSupport.CONTROL);

    private static List<String> seeds() {
        List<String> out = new ArrayList<>(FuzzSupport.corpus(".spec"));
        out.add("# Spec\n\n|user|role|\n|---|---|\n|alice|<file:hello.txt>|\n\n* Context <user>\n\n"
                + "## Scenario\ntags: a\n* Login as <user>\n* Say \"hi\" to <role>\n   |a|b|\n   |1|<user>|\n"
                + "* Multi\n\"\"\"\nbody\n\"\"\"\n___\n* Teardown\n");
        return out;
    }

    private static ConceptRegistry concepts(Path root) {
        Map<Path, String> files = new LinkedHashMap<>();
        List<String> cpts = FuzzSupport.corpus(".cpt");
        for (int i = 0; i < cpts.size(); i++) {
            files.put(root.resolve("c" + i + ".cpt"), cpts.get(i));
        }
        files.put(root.resolve("login.cpt"), "# Login as <user>\n* Open <file:hello.txt>\n"
                + "* Type <user>\n   |k|v|\n   |name|<user>|\n");
        return new ConceptParser(root, FuzzSupport.SETTINGS).parse(files);
    }

    /** Parses {@code text} in {@code root} and expands it; returns everything produced, as text. */
    private static String run(Path root, ConceptRegistry concepts, boolean multiline, String text, boolean check) {
        Path file = root.resolve("specs").resolve("mutated.spec");
        ParsedSpec parsed = new SpecParser(root, multiline ? FuzzSupport.MULTILINE_SETTINGS : FuzzSupport.SETTINGS,
                concepts).parse(file, text);
        if (check) {
            FuzzSupport.checkSpec(parsed, file, text);
        }
        return FuzzSupport.render(parsed)
                + FuzzSupport.expandAll(parsed.spec(), new Resolver(root, FuzzSupport.SETTINGS));
    }

    static void parseMutatedSpec(FuzzedDataProvider data) throws Exception {
        String base = SPECS.get(data.consumeInt(0, SPECS.size() - 1));
        boolean multiline = data.consumeBoolean();
        String text = Mutator.mutate(base, data);
        String rendered = FuzzSupport.bounded(text.length(),
                () -> run(FuzzSupport.PROJECT, CONCEPTS, multiline, text, true));
        FuzzSupport.assertContained(rendered, () -> run(FuzzSupport.CONTROL, CONTROL_CONCEPTS, multiline, text, false));
    }
}
