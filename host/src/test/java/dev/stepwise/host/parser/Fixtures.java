package dev.stepwise.host.parser;

import java.nio.file.Path;

final class Fixtures {
    static final Path ROOT = Path.of("src/test/resources/specs").toAbsolutePath();
    static final Path PROJECT = ROOT.resolve("project");
    static final ParserSettings SETTINGS = ParserSettings.defaults().withDataDir("data").withConceptsDir("concepts");

    private Fixtures() {
    }

    static ConceptRegistry concepts() {
        return new ProjectScanner(PROJECT, SETTINGS).parseConcepts();
    }

    static ParsedSpec parse(String relative) {
        return new SpecParser(PROJECT, SETTINGS, concepts()).parse(ROOT.resolve(relative));
    }

    static ParsedSpec parseText(String text) {
        return new SpecParser(PROJECT, SETTINGS, ConceptRegistry.empty()).parse(Path.of("inline.spec"), text);
    }
}
