package dev.stepwise.host.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    private final ParsedSpec basic = Fixtures.parse("project/specs/basic.spec");
    private final Spec spec = basic.spec();

    @Test
    void basicSpecHasNoDiagnostics() {
        assertEquals(List.of(), basic.diagnostics());
    }

    @Test
    void headingTagsAndSpecDataTable() {
        assertEquals("Basic spec", spec.heading());
        assertEquals(1, spec.headingLine());
        assertEquals(List.of("smoke", "fast", "nightly"), spec.tags());
        DataTable dt = spec.dataTable().orElseThrow();
        assertFalse(dt.isExternal());
        assertEquals(8, dt.line());
        assertEquals(List.of("user", "pass"), dt.table().headers());
        assertEquals(List.of("alice", "a1"), dt.table().rows().get(0).values());
        assertEquals(11, dt.table().rows().get(1).line());
    }

    @Test
    void contextsScenariosAndTeardown() {
        assertEquals(1, spec.contexts().size());
        assertEquals("Context step for {}", spec.contexts().get(0).value());
        assertEquals(List.of("First scenario", "Second scenario"), spec.scenarios().stream().map(Scenario::heading).toList());
        Scenario first = spec.scenarios().get(0);
        assertEquals(List.of("login"), first.tags());
        assertEquals(15, first.spanStart());
        assertEquals(27, first.spanEnd());
        Scenario second = spec.scenarios().get(1);
        assertEquals(28, second.line());
        assertEquals(List.of("code"), second.dataTable().orElseThrow().table().headers());
        assertEquals(1, spec.teardownSteps().size());
        assertEquals("Teardown for {}", spec.teardownSteps().get(0).value());
    }

    @Test
    void itemsKeepSourceOrder() {
        List<Class<?>> kinds = spec.items().stream().<Class<?>>map(Object::getClass).distinct().toList();
        assertEquals(List.of(Comment.class, Tags.class, DataTable.class, Step.class, Scenario.class, Teardown.class),
                kinds);
        assertInstanceOf(Teardown.class, spec.items().get(spec.items().size() - 2));
        assertTrue(spec.items().stream().anyMatch(i -> i instanceof Comment c && c.text().equals("Intro comment")));
        Scenario second = spec.scenarios().get(1);
        assertTrue(second.items().stream().anyMatch(i -> i instanceof Comment c && c.text().equals("### not a scenario")));
        assertTrue(second.items().stream().anyMatch(i -> i instanceof Comment c && c.text().startsWith("**bold**")));
    }

    @Test
    void stepValuesAndParameters() {
        Step say = spec.scenarios().get(0).steps().get(0);
        assertEquals("Say \"hello \\\"you\\\"\" to <user>", say.text());
        assertEquals("Say {} to {}", say.value());
        assertEquals("Say <hello \"you\"> to <user>", say.parameterizedValue());
        assertEquals(List.of(StepArg.Kind.STATIC, StepArg.Kind.DYNAMIC), say.args().stream().map(StepArg::kind).toList());
        assertEquals("hello \"you\"", say.args().get(0).value());

        Step special = spec.scenarios().get(0).steps().get(1);
        assertEquals("Read {} and {}", special.value());
        assertEquals("hello from file", special.args().get(0).value());
        assertEquals("file:hello.txt", special.args().get(0).name());
        assertEquals(StepArg.Kind.SPECIAL_TABLE, special.args().get(1).kind());
        assertEquals("Read <file:hello.txt> and <table:users.csv>", special.parameterizedValue());
        Table csv = special.args().get(1).table().orElseThrow();
        assertEquals(List.of("name", "greeting, formal"), csv.headers());
        assertEquals(List.of("alice", "Hello, \"Alice\""), csv.rows().get(0).values());
    }

    @Test
    void inlineTableAfterBlankLine() {
        Step withTable = spec.scenarios().get(0).steps().get(2);
        assertEquals("Step with table {}", withTable.value());
        assertEquals("Step with table <table>", withTable.parameterizedValue());
        Table t = withTable.inlineTable().orElseThrow();
        assertEquals(List.of("id", "name"), t.headers());
        assertEquals(2, t.rows().size());
        assertEquals(new Table.Cell("user", "<user>", Table.CellKind.DYNAMIC), t.rows().get(0).cells().get(1));
        assertEquals(new Table.Cell("|pipe", "\\|pipe", Table.CellKind.STATIC), t.rows().get(1).cells().get(1));
        assertEquals(24, withTable.endLine());
    }

    @Test
    void escapesAndMultilineString() {
        Scenario second = spec.scenarios().get(1);
        Step escaped = second.steps().get(1);
        assertEquals("Escaped {braces} and a back\\slash", escaped.value());
        Step block = second.steps().get(2);
        assertEquals("Block step", block.value());
        assertEquals(List.of(), block.parameterNames());
        assertEquals(StepArg.Kind.MULTILINE_STRING, block.args().get(0).kind());
        assertEquals("line one\n  line two", block.args().get(0).value());
    }

    @Test
    void conceptInvocationsAreLinked() {
        Step login = spec.scenarios().get(0).steps().get(3);
        assertTrue(login.isConcept());
        assertEquals("Login as {} with {}", login.value());
        assertEquals(3, login.conceptSteps().size());
        Step admin = spec.scenarios().get(0).steps().get(4);
        assertTrue(admin.isConcept());
        assertTrue(admin.conceptSteps().get(0).isConcept());
        assertFalse(spec.scenarios().get(0).steps().get(0).isConcept());
    }

    @Test
    void externalTableUnderlineHeadingAndUnknownSpecial() {
        ParsedSpec p = Fixtures.parse("project/specs/sub/external.md");
        assertEquals("External data", p.spec().heading());
        DataTable dt = p.spec().dataTable().orElseThrow();
        assertEquals("users.csv", dt.source().orElseThrow());
        assertEquals(2, dt.table().rows().size());
        Step greet = p.spec().scenarios().get(0).steps().get(0);
        assertEquals("Greet {} with {}", greet.value());
        assertEquals(List.of(
                        Diagnostic.warning(p.spec().file(), 8, 11,
                                "Could not resolve special param type <foo:bar>. Treating it as dynamic param."),
                        Diagnostic.error(p.spec().file(), 8, 11, "Dynamic parameter <foo:bar> could not be resolved. "
                                + "Add a column with this name to the spec or scenario data table, or quote the value to"
                                + " make it static")),
                p.diagnostics());
    }

    @Test
    void multilineStepsOnlyWhenAllowed() {
        String text = "# M\n## S\n* A step that goes\n  on to the next line\n* Next\n";
        ParsedSpec off = Fixtures.parseText(text);
        assertEquals(List.of("A step that goes", "Next"), off.spec().scenarios().get(0).steps().stream().map(Step::value).toList());
        ParsedSpec on = new SpecParser(Fixtures.PROJECT, Fixtures.SETTINGS.withAllowMultilineStep(true),
                ConceptRegistry.empty()).parse(java.nio.file.Path.of("m.spec"), text);
        Step joined = on.spec().scenarios().get(0).steps().get(0);
        // Gauge joins the raw next line, so its indentation stays inside the value
        assertEquals("A step that goes   on to the next line", joined.value());
        assertEquals(4, joined.endLine());
    }

    @Test
    void lexerRules() {
        ParsedSpec p = Fixtures.parseText("# H\n## S\n* a\n***not a step\n#### deep\nTAGS : x , y\n* b\n");
        Scenario s = p.spec().scenarios().get(0);
        assertEquals(List.of("a", "b"), s.steps().stream().map(Step::value).toList());
        assertEquals(List.of("x", "y"), s.tags());
        assertEquals(List.of(), p.diagnostics());
    }
}
