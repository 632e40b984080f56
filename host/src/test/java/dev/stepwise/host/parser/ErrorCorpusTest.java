package dev.stepwise.host.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each file under specs/errors gives the listed diagnostic (severity, line, column, message start). */
class ErrorCorpusTest {

    @ParameterizedTest(name = "{0} -> {4}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "empty.spec;ERROR;1;1;Spec does not have any elements",
        "no_heading.spec;ERROR;1;1;Spec heading not found",
        "empty_heading.spec;ERROR;1;1;Spec heading should have at least one character",
        "multiple_headings.spec;ERROR;4;1;Multiple spec headings found in same file",
        "duplicate_scenario.spec;ERROR;4;1;Duplicate scenario definition 'Same' found in the same specification",
        "no_scenario.spec;ERROR;1;1;Spec should have at least one scenario",
        "no_step.spec;ERROR;2;1;Scenario should have at least one step",
        "data_no_rows.spec;ERROR;2;1;Data table should have at least 1 data row",
        "table_location.spec;ERROR;2;1;Table location not specified",
        "table_missing.spec;ERROR;2;1;Could not resolve table. File ",
        "string_open.spec;ERROR;3;7;String not terminated",
        "dynamic_open.spec;ERROR;3;7;Dynamic parameter not terminated",
        "blank_step.spec;ERROR;3;1;Step should not be blank",
        "reserved.spec;ERROR;3;7;'{' is a reserved character and should be escaped",
        "unresolved.spec;ERROR;3;7;Dynamic parameter <who> could not be resolved",
        "context_scope.spec;ERROR;4;7;Dynamic parameter <other> could not be resolved. Contexts and teardown",
        "tags_twice.spec;ERROR;4;1;Tags can be defined only once per specification",
        "tags_twice.spec;ERROR;8;1;Tags can be defined only once per scenario",
        "multiple_tables.spec;WARNING;5;1;Multiple data table present, ignoring table",
        "short_teardown.spec;ERROR;4;1;Teardown should have at least three underscore characters",
        "missing_file.spec;ERROR;3;8;Dynamic parameter <file:nope.txt> could not be resolved",
        "bad_header.spec;ERROR;3;1;Table header cannot have repeated column values",
        "bad_header.spec;ERROR;3;1;Table header should not be blank",
        "scenario_before_heading.spec;ERROR;1;1;Scenario should be defined after the spec heading",
    })
    void reportsDiagnostic(String file, Diagnostic.Severity severity, int line, int column, String message) {
        ParsedSpec parsed = Fixtures.parse("errors/" + file);
        boolean found = parsed.diagnostics().stream().anyMatch(d -> d.severity() == severity && d.line() == line
                && d.column() == column && d.message().startsWith(message)
                && d.file().endsWith(file));
        assertTrue(found, () -> "expected " + severity + " " + line + ":" + column + " '" + message + "' but got:\n"
                + parsed.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    }
}
