package dev.stepwise.host.parser;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parses one spec file at a time into a {@link ParsedSpec}. Errors are collected, never thrown. The parser is
 * immutable and thread-safe; one instance can parse many files in parallel.
 */
public final class SpecParser {

    private static final String SCENARIO_SCOPE_HINT =
            "Add a column with this name to the spec or scenario data table, or quote the value to make it static";
    private static final String SPEC_SCOPE_HINT =
            "Contexts and teardown steps can only use columns of the spec data table; add the column or quote the value";

    private final ProjectFiles files;
    private final ConceptRegistry concepts;

    public SpecParser(Path projectRoot, ParserSettings settings, ConceptRegistry concepts) {
        this.files = new ProjectFiles(projectRoot, settings);
        this.concepts = Objects.requireNonNull(concepts, "concepts");
    }

    /** Reads and parses a file; an unreadable file gives a diagnostic, not an exception. */
    public ParsedSpec parse(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new ParsedSpec(emptySpec(file), List.of(Diagnostic.error(file, 1, 1,
                    "Could not read spec file: " + e.getMessage() + ". Check that it exists and is UTF-8 text")));
        }
    }

    public ParsedSpec parse(Path file, Reader reader) throws IOException {
        StringWriter w = new StringWriter();
        reader.transferTo(w);
        return parse(file, w.toString());
    }

    public ParsedSpec parse(Path file, String content) {
        List<Lexer.Token> tokens = Lexer.tokenize(content, files.settings().allowMultilineStep());
        Builder b = new Builder(file);
        for (Lexer.Token t : tokens) {
            b.accept(t);
        }
        return b.finish(tokens.isEmpty());
    }

    private static Spec emptySpec(Path file) {
        return new Spec(file, "", 0, List.of(), Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    private enum TableTarget { INLINE, SPEC, SCENARIO, IGNORED }

    private static final class TagsBuilder {
        final int line;
        int endLine;
        final List<String> values = new ArrayList<>();

        TagsBuilder(int line) {
            this.line = line;
            this.endLine = line;
        }

        void add(String text) {
            for (String part : text.split(",")) {
                String v = part.strip();
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
        }

        Tags build() {
            return new Tags(line, endLine, values);
        }
    }

    /** A data table placeholder in the items list; the table may still be growing. */
    private static final class DataTableBuilder {
        final TableBuilder inline;
        final DataTable external;

        DataTableBuilder(TableBuilder inline, DataTable external) {
            this.inline = inline;
            this.external = external;
        }

        DataTable build() {
            return external != null ? external : new DataTable(inline.line, inline.build(), Optional.empty());
        }

        int line() {
            return external != null ? external.line() : inline.line;
        }

        int rowCount() {
            return external != null ? external.table().rows().size() : inline.rows.size();
        }

        Set<String> headers() {
            return new LinkedHashSet<>(external != null ? external.table().headers() : inline.headers);
        }
    }

    private static final class ScenarioBuilder {
        final String heading;
        final int line;
        final int column;
        int lastLine;
        int spanEnd = -1;
        TagsBuilder tags;
        DataTableBuilder data;
        final List<StepBuilder> steps = new ArrayList<>();
        final List<Object> items = new ArrayList<>();

        ScenarioBuilder(String heading, int line, int column) {
            this.heading = heading;
            this.line = line;
            this.column = column;
            this.lastLine = line;
        }
    }

    private final class Builder {
        final Path file;
        final List<Diagnostic> diags = new ArrayList<>();
        String heading;
        int headingLine;
        int headingColumn = 1;
        TagsBuilder specTags;
        DataTableBuilder specData;
        final List<StepBuilder> contexts = new ArrayList<>();
        final List<ScenarioBuilder> scenarios = new ArrayList<>();
        final List<StepBuilder> teardown = new ArrayList<>();
        final List<Object> items = new ArrayList<>();
        ScenarioBuilder scenario;
        boolean inTeardown;
        StepBuilder stepTarget;
        Set<String> stepTargetScope;
        TagsBuilder tagsScope;
        TableBuilder table;
        TableTarget tableTarget;

        Builder(Path file) {
            this.file = file;
        }

        void addItem(Object item, int endLine) {
            if (scenario != null) {
                scenario.items.add(item);
                scenario.lastLine = Math.max(scenario.lastLine, endLine);
            } else {
                items.add(item);
            }
        }

        Set<String> specHeaders() {
            return specData == null ? Set.of() : specData.headers();
        }

        Set<String> scenarioScope() {
            Set<String> s = new LinkedHashSet<>(specHeaders());
            if (scenario != null && scenario.data != null) {
                s.addAll(scenario.data.headers());
            }
            return s;
        }

        void accept(Lexer.Token t) {
            if (t.kind != Lexer.Kind.TABLE_ROW) {
                table = null;
            }
            if (t.kind != Lexer.Kind.TAGS) {
                tagsScope = null;
                if (t.kind != Lexer.Kind.TABLE_ROW) {
                    stepTarget = null;
                }
            }
            switch (t.kind) {
                case SPEC_HEADING -> specHeading(t);
                case SCENARIO_HEADING -> scenarioHeading(t);
                case STEP -> step(t);
                case TAGS -> tags(t);
                case TABLE_ROW -> tableRow(t);
                case DATA_TABLE -> externalTable(t);
                case TEARDOWN -> teardown(t);
                default -> addItem(new Comment(t.line, t.text), t.line);
            }
        }

        void specHeading(Lexer.Token t) {
            if (heading != null) {
                diags.add(Diagnostic.error(file, t.line, t.column, "Multiple spec headings found in same file. "
                        + "Keep one '#' heading (line " + headingLine + ") and use '##' for scenarios"));
                return;
            }
            heading = t.text;
            headingLine = t.line;
            headingColumn = t.column;
        }

        void scenarioHeading(Lexer.Token t) {
            if (heading == null) {
                diags.add(Diagnostic.error(file, t.line, t.column,
                        "Scenario should be defined after the spec heading. Add a '# Spec name' line above it"));
                return;
            }
            for (ScenarioBuilder s : scenarios) {
                if (s.heading.toLowerCase(Locale.ROOT).equals(t.text.toLowerCase(Locale.ROOT))) {
                    diags.add(Diagnostic.error(file, t.line, t.column, "Duplicate scenario definition '" + s.heading
                            + "' found in the same specification. Rename one of them (the first is on line "
                            + s.line + ")"));
                    return;
                }
            }
            if (scenario != null) {
                scenario.spanEnd = t.line - 1;
            }
            scenario = new ScenarioBuilder(t.text, t.line, t.column);
            scenarios.add(scenario);
            items.add(scenario);
            inTeardown = false;
        }

        void step(Lexer.Token t) {
            Set<String> scope;
            String hint;
            if (inTeardown || scenario == null) {
                scope = specHeaders();
                hint = SPEC_SCOPE_HINT;
            } else {
                scope = scenarioScope();
                hint = SCENARIO_SCOPE_HINT;
            }
            if (heading == null) {
                // Gauge drops steps that come before the spec heading; say so instead of losing them silently.
                diags.add(Diagnostic.warning(file, t.line, t.column,
                        "Step is not inside a specification and is ignored. Move it below the spec heading"));
                addItem(new Comment(t.line, "* " + t.text), t.endLine);
                return;
            }
            StepBuilder sb = StepBuilder.create(t, scope, hint, files, file, diags);
            if (sb == null) {
                return;
            }
            if (inTeardown) {
                teardown.add(sb);
            } else if (scenario != null) {
                scenario.steps.add(sb);
            } else {
                contexts.add(sb);
            }
            addItem(sb, t.endLine);
            stepTarget = sb;
            stepTargetScope = scope;
        }

        void tags(Lexer.Token t) {
            if (tagsScope != null) {
                tagsScope.add(t.text);
                tagsScope.endLine = t.line;
                if (scenario != null) {
                    scenario.lastLine = Math.max(scenario.lastLine, t.line);
                }
                return;
            }
            TagsBuilder tb = new TagsBuilder(t.line);
            tb.add(t.text);
            if (scenario != null) {
                if (scenario.tags != null) {
                    diags.add(Diagnostic.error(file, t.line, t.column, "Tags can be defined only once per scenario. "
                            + "Merge them into the tags on line " + scenario.tags.line));
                    return;
                }
                scenario.tags = tb;
            } else {
                if (specTags != null) {
                    diags.add(Diagnostic.error(file, t.line, t.column, "Tags can be defined only once per "
                            + "specification. Merge them into the tags on line " + specTags.line));
                    return;
                }
                specTags = tb;
            }
            addItem(tb, t.line);
            tagsScope = tb;
        }

        void tableRow(Lexer.Token t) {
            if (table == null) {
                table = TableBuilder.header(t, file, diags);
                if (stepTarget != null) {
                    tableTarget = TableTarget.INLINE;
                    stepTarget.table = table;
                    stepTarget.endLine = t.line;
                    if (scenario != null) {
                        scenario.lastLine = Math.max(scenario.lastLine, t.line);
                    }
                } else if (heading == null || inTeardown) {
                    tableTarget = TableTarget.IGNORED;
                    addItem(new Comment(t.line, t.text), t.line);
                } else if (scenario != null ? scenario.data != null : specData != null) {
                    tableTarget = TableTarget.IGNORED;
                    diags.add(Diagnostic.warning(file, t.line, t.column, "Multiple data table present, ignoring "
                            + "table"));
                    addItem(new Comment(t.line, t.text), t.line);
                } else {
                    DataTableBuilder dtb = new DataTableBuilder(table, null);
                    if (scenario != null) {
                        tableTarget = TableTarget.SCENARIO;
                        scenario.data = dtb;
                    } else {
                        tableTarget = TableTarget.SPEC;
                        specData = dtb;
                    }
                    addItem(dtb, t.line);
                }
                return;
            }
            if (tableTarget == TableTarget.IGNORED) {
                addItem(new Comment(t.line, t.text), t.line);
                return;
            }
            List<String> values = new ArrayList<>();
            List<String> raws = new ArrayList<>();
            TableBuilder.split(t.text, values, raws);
            Set<String> known = tableTarget == TableTarget.INLINE ? stepTargetScope : new LinkedHashSet<>(table.headers);
            table.addRow(t, values, raws, known, files, file, diags);
            if (tableTarget == TableTarget.INLINE) {
                stepTarget.endLine = t.line;
            }
            if (scenario != null) {
                scenario.lastLine = Math.max(scenario.lastLine, t.line);
            }
        }

        void externalTable(Lexer.Token t) {
            if (t.text.isEmpty()) {
                diags.add(Diagnostic.error(file, t.line, t.column,
                        "Table location not specified. Write the CSV path after 'table:', e.g. 'table: data/users.csv'"));
                return;
            }
            ProjectFiles.Lookup found = files.lookup(t.text);
            Optional<String> csv = found.contents();
            if (csv.isEmpty()) {
                diags.add(Diagnostic.error(file, t.line, t.column, "Could not resolve table. " + found.problem()));
                return;
            }
            Table parsed;
            try {
                parsed = CsvTables.parse(csv.get(), files.settings().csvDelimiter());
            } catch (CsvTables.CsvException e) {
                diags.add(Diagnostic.error(file, t.line, t.column, "Could not resolve table. " + t.text + ": "
                        + e.getMessage()));
                return;
            }
            DataTable dt = new DataTable(t.line, parsed, Optional.of(t.text));
            String raw = "table: " + t.text;
            if (heading == null) {
                diags.add(Diagnostic.warning(file, t.line, t.column, "Data table not associated with spec or scenario"));
                addItem(new Comment(t.line, raw), t.line);
            } else if (scenario != null ? scenario.data != null : specData != null) {
                diags.add(Diagnostic.warning(file, t.line, t.column, "Multiple data table present, ignoring table"));
                addItem(new Comment(t.line, raw), t.line);
            } else {
                DataTableBuilder dtb = new DataTableBuilder(null, dt);
                if (scenario != null) {
                    scenario.data = dtb;
                } else {
                    specData = dtb;
                }
                addItem(dtb, t.line);
            }
        }

        void teardown(Lexer.Token t) {
            if (t.text.length() < 3) {
                diags.add(Diagnostic.error(file, t.line, t.column,
                        "Teardown should have at least three underscore characters. Write '___'"));
            }
            scenario = null;
            inTeardown = true;
            items.add(new Teardown(t.line, t.text));
        }

        ParsedSpec finish(boolean noTokens) {
            if (noTokens) {
                diags.add(Diagnostic.error(file, 1, 1, "Spec does not have any elements. Add a '# Spec name' heading"
                        + " and at least one scenario"));
                return new ParsedSpec(emptySpec(file), diags);
            }
            if (heading == null) {
                diags.add(Diagnostic.error(file, 1, 1,
                        "Spec heading not found. Start the file with a '# Spec name' line"));
            } else if (heading.isEmpty()) {
                diags.add(Diagnostic.error(file, headingLine, headingColumn,
                        "Spec heading should have at least one character. Write a name after '#'"));
            }
            if (heading != null && scenarios.isEmpty()) {
                diags.add(Diagnostic.error(file, headingLine, headingColumn,
                        "Spec should have at least one scenario. Add a '## Scenario name' with steps"));
            }
            checkRows(specData);
            List<Scenario> builtScenarios = new ArrayList<>(scenarios.size());
            for (ScenarioBuilder s : scenarios) {
                if (s.heading.isEmpty()) {
                    diags.add(Diagnostic.error(file, s.line, s.column,
                            "Scenario heading should have at least one character. Write a name after '##'"));
                }
                if (s.steps.isEmpty()) {
                    diags.add(Diagnostic.error(file, s.line, s.column,
                            "Scenario should have at least one step. Add a '* step' line under the heading"));
                }
                checkRows(s.data);
                builtScenarios.add(buildScenario(s));
            }
            List<SpecItem> builtItems = new ArrayList<>(items.size());
            int scenarioIndex = 0;
            for (Object o : items) {
                if (o instanceof ScenarioBuilder) {
                    builtItems.add(builtScenarios.get(scenarioIndex++));
                } else {
                    builtItems.add(buildItem(o));
                }
            }
            Spec spec = new Spec(file, heading == null ? "" : heading, headingLine,
                    specTags == null ? List.of() : specTags.values,
                    specData == null ? Optional.empty() : Optional.of(specData.build()),
                    steps(contexts), builtScenarios, steps(teardown), builtItems);
            diags.sort(Comparator.comparingInt(Diagnostic::line));
            return new ParsedSpec(spec, diags);
        }

        void checkRows(DataTableBuilder d) {
            if (d != null && d.rowCount() == 0) {
                diags.add(Diagnostic.error(file, d.line(), 1,
                        "Data table should have at least 1 data row. Add a row below the header or remove the table"));
            }
        }

        Scenario buildScenario(ScenarioBuilder s) {
            List<SpecItem> its = new ArrayList<>(s.items.size());
            for (Object o : s.items) {
                its.add(buildItem(o));
            }
            int end = s.spanEnd >= 0 ? s.spanEnd : s.lastLine;
            return new Scenario(s.heading, s.line, s.line, end, s.tags == null ? List.of() : s.tags.values,
                    s.data == null ? Optional.empty() : Optional.of(s.data.build()), steps(s.steps), its);
        }

        SpecItem buildItem(Object o) {
            if (o instanceof StepBuilder sb) {
                return sb.build(concepts::find);
            }
            if (o instanceof TagsBuilder tb) {
                return tb.build();
            }
            if (o instanceof DataTableBuilder dtb) {
                return dtb.build();
            }
            return (SpecItem) o;
        }

        List<Step> steps(List<StepBuilder> builders) {
            List<Step> out = new ArrayList<>(builders.size());
            for (StepBuilder sb : builders) {
                out.add(sb.build(concepts::find));
            }
            return out;
        }
    }
}
