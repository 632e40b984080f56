package dev.stepwise.host.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConceptParserTest {

    @Test
    void parsesProjectConcepts() {
        ConceptRegistry reg = Fixtures.concepts();
        assertEquals(List.of(), reg.diagnostics());
        assertEquals(List.of("Login as {} with {}", "Create users {}", "Login as admin"),
                reg.concepts().stream().map(Concept::value).toList());
        Concept login = reg.find("Login as {} with {}").orElseThrow();
        assertEquals(List.of("user", "password"), login.params());
        assertEquals(1, login.line());
        assertEquals("Type <user> into \"username\"", login.steps().get(1).text());
        Concept admin = reg.find("Login as admin").orElseThrow();
        assertEquals(login, admin.steps().get(0).concept().orElseThrow());
        assertEquals("Check role {}", admin.steps().get(1).value());
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "static_heading.cpt;1;1;Concept heading can have only Dynamic Parameters",
        "empty_concept.cpt;1;1;Concept should have at least one step",
        "empty_concept.cpt;3;16;Dynamic parameter <y> could not be resolved",
        "orphan.cpt;1;1;Step is not defined inside a concept heading",
        "orphan.cpt;3;1;Scenario Heading is not allowed in concept file",
        "orphan_table.cpt;2;1;Table doesn't belong to any step",
        "duplicate.cpt;3;1;Duplicate concept definition found",
        "circular.cpt;1;1;Circular reference found in concept: \"Alpha\" (circular.cpt:1) -> \"Beta\" (circular.cpt:3) -> \"Alpha\"",
    })
    void reportsConceptErrors(String file, int line, int column, String message) {
        Path path = Fixtures.ROOT.resolve("errors").resolve(file);
        ConceptRegistry reg = new ConceptParser(Fixtures.PROJECT, Fixtures.SETTINGS).parseFiles(List.of(path));
        assertTrue(reg.diagnostics().stream().anyMatch(d -> d.isError() && d.line() == line && d.column() == column
                        && d.message().startsWith(message)),
                () -> reg.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void cyclicConceptsAreLeftOutButOthersStay() {
        Path path = Fixtures.ROOT.resolve("errors/circular.cpt");
        ConceptRegistry reg = new ConceptParser(Fixtures.PROJECT, Fixtures.SETTINGS).parseFiles(List.of(path));
        assertEquals(List.of("Gamma"), reg.concepts().stream().map(Concept::value).toList());
        assertEquals(1, reg.errors().size());
    }

    @Test
    void aConceptThatWouldExpandToMillionsOfStepsIsReportedNotExpanded() {
        // C0 calls C1 twice, C1 calls C2 twice, ... : 2^24 leaf steps from 48 lines.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            text.append("# C").append(i).append("\n* C").append(i + 1).append("\n* C").append(i + 1).append("\n\n");
        }
        text.append("# C24\n* A leaf step\n");
        Path file = Fixtures.PROJECT.resolve("concepts/explosive.cpt");

        ConceptRegistry reg = new ConceptParser(Fixtures.PROJECT, Fixtures.SETTINGS)
                .parse(java.util.Map.of(file, text.toString()));

        String messages = reg.diagnostics().stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
        assertTrue(messages.contains("Concept 'C0' expands to more than 10000 steps"), messages);
        assertTrue(reg.concepts().stream().noneMatch(c -> c.heading().equals("C0")), "C0 is not linked");
        assertTrue(reg.concepts().stream().anyMatch(c -> c.heading().equals("C20")), "C20 (16 steps) still is");
    }

    @Test
    void conceptsNestedMoreThanAHundredLevelsDeepAreReported() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            text.append("# D").append(i).append("\n* D").append(i + 1).append("\n\n");
        }
        text.append("# D150\n* A leaf step\n");
        Path file = Fixtures.PROJECT.resolve("concepts/deep.cpt");

        ConceptRegistry reg = new ConceptParser(Fixtures.PROJECT, Fixtures.SETTINGS)
                .parse(java.util.Map.of(file, text.toString()));

        String messages = reg.diagnostics().stream().map(Diagnostic::message).collect(Collectors.joining("\n"));
        assertTrue(messages.contains("Concept 'D0' nests concepts more than 100 levels deep"), messages);
        assertTrue(reg.concepts().stream().anyMatch(c -> c.heading().equals("D60")), "D60 (91 levels) still is");
    }
}
