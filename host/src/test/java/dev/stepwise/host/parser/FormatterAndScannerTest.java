package dev.stepwise.host.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FormatterAndScannerTest {

    private final SpecFormatter formatter = new SpecFormatter();

    private String reformat(String text) {
        ParsedSpec p = new SpecParser(Fixtures.PROJECT, Fixtures.SETTINGS, Fixtures.concepts()).parse(Path.of("f.spec"), text);
        assertEquals(List.of(), p.errors());
        return formatter.format(p).text().orElseThrow();
    }

    @Test
    void canonicalForm() {
        String out = reformat("Title\n=====\ntags: a,b\n|x|y|\n|1|22|\n## S\n*   Say \"a\\\"b\"   to <x> \\{z\\}\n\n  |k|\n  |v|\n");
        assertEquals("""
                # Title

                Tags: a, b

                | x | y  |
                |---|----|
                | 1 | 22 |

                ## S

                * Say "a\\"b"   to <x> \\{z\\}
                   | k |
                   |---|
                   | v |
                """, out);
    }

    @Test
    void formattingIsAFixedPointOnTheCorpus() throws Exception {
        String original = java.nio.file.Files.readString(Fixtures.PROJECT.resolve("specs/basic.spec"));
        String once = reformat(original);
        assertEquals(once, reformat(once));
        assertTrue(once.contains("### not a scenario"));
        assertTrue(once.contains("___\n\n* Teardown for <user>"));
        assertTrue(once.contains("\"\"\"\nline one\n  line two\n\"\"\""));
        assertTrue(once.contains("* Read <file:hello.txt> and <table:users.csv>"));
    }

    @Test
    void refusesSpecsWithErrors() {
        SpecFormatter.Result r = formatter.format(Fixtures.parse("errors/reserved.spec"));
        assertFalse(r.text().isPresent());
        assertEquals(2, r.diagnostics().size());
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().startsWith("'{' is a reserved character")));
    }

    @Test
    void scannerFindsSpecsAndConceptsInSortedOrder() {
        ProjectScanner scanner = new ProjectScanner(Fixtures.PROJECT, Fixtures.SETTINGS);
        List<String> specs = scanner.specFiles().stream()
                .map(p -> Fixtures.PROJECT.relativize(p).toString().replace('\\', '/')).toList();
        assertEquals(List.of("specs/basic.spec", "specs/multiline.spec", "specs/sub/external.md"), specs);
        ParseResult all = scanner.parseAll();
        assertEquals(3, all.specs().size());
        assertEquals(3, all.concepts().size());
        assertEquals(1, all.errors().size(), () -> all.diagnostics().stream().map(Diagnostic::toString)
                .collect(Collectors.joining("\n")));
        // without gauge_concepts_dir the whole project root is searched
        ProjectScanner rootScan = new ProjectScanner(Fixtures.PROJECT, Fixtures.SETTINGS.withConceptsDir(""));
        assertEquals(1, rootScan.conceptFiles().size());
        ProjectScanner excluding = new ProjectScanner(Fixtures.PROJECT, Fixtures.SETTINGS.withExcludeDirs(List.of("specs/sub")));
        assertEquals(2, excluding.specFiles().size());
    }

    @Test
    void lineSelection() {
        Spec spec = Fixtures.parse("project/specs/basic.spec").spec();
        ScenarioSelector.Selection sel = ScenarioSelector.parse("specs/basic.spec:20");
        assertEquals(Path.of("specs/basic.spec"), sel.file());
        assertEquals(OptionalInt.of(20), sel.line());
        assertEquals(OptionalInt.of(0), ScenarioSelector.select(spec, 20).scenarioIndex());
        assertEquals(OptionalInt.of(1), ScenarioSelector.select(spec, 28).scenarioIndex());
        ScenarioSelector.Result none = ScenarioSelector.select(spec, 3);
        assertTrue(none.scenarioIndex().isEmpty());
        assertTrue(none.error().orElseThrow().message().startsWith("No scenario found at line 3"));
        assertEquals(OptionalInt.empty(), ScenarioSelector.parse("specs/basic.spec").line());
    }

    @Test
    void settingsFromProperties() {
        ParserSettings s = ParserSettings.fromProperties(java.util.Map.of("gauge_specs_dir", "a, b",
                "csv_delimiter", ";", "allow_multiline_step", "true", "gauge_exclude_dirs", "x"));
        assertEquals(List.of("a", "b"), s.specDirs());
        assertEquals(';', s.csvDelimiter());
        assertTrue(s.allowMultilineStep());
        assertEquals(List.of(".spec", ".md"), s.specExtensions());
        assertEquals(List.of("x"), s.excludeDirs());
    }
}
