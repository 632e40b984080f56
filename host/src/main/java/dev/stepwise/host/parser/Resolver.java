package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns parsed steps plus a data-table row into the parameters Gauge sends in ExecuteStepRequest, expanding concept
 * invocations into their leaf steps.
 */
public final class Resolver {

    private final ProjectFiles files;

    public Resolver(Path projectRoot, ParserSettings settings) {
        this.files = new ProjectFiles(projectRoot, settings);
    }

    /** A bound name: text or a table. */
    private record Bound(String text, Table table) {
    }

    /**
     * The values of one data-table row by column: {@code <file:...>} cells become the file contents and
     * {@code <column>} cells take the value of that column in the same row.
     */
    public Map<String, String> rowValues(Table table, int rowIndex) {
        Map<String, Table.Cell> cells = table.rowMap(rowIndex);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Table.Cell> e : cells.entrySet()) {
            Table.Cell c = e.getValue();
            String v = switch (c.kind()) {
                case STATIC -> c.value();
                case SPECIAL_STRING -> files.read(c.value().substring(5).strip()).orElse(c.value());
                case DYNAMIC -> {
                    Table.Cell ref = cells.get(c.value());
                    yield ref != null && ref.kind() == Table.CellKind.STATIC ? ref.value() : c.raw();
                }
            };
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** Spec row first, scenario row on top (a scenario column hides a spec column of the same name). */
    public static Map<String, String> merge(Map<String, String> specRow, Map<String, String> scenarioRow) {
        Map<String, String> out = new LinkedHashMap<>(specRow);
        out.putAll(scenarioRow);
        return out;
    }

    /** The parameters of a step that is not a concept, with {@code row} as the data-table lookup (may be empty). */
    public List<Parameter> resolve(Step step, Map<String, String> row) {
        return resolveBound(step, toLookup(row));
    }

    /** The leaf steps of {@code step} in execution order: itself if plain, else its concept's steps, recursively. */
    public List<ExecutableStep> expand(Step step, Map<String, String> row) {
        List<ExecutableStep> out = new ArrayList<>();
        expand(step, toLookup(row), new ArrayList<>(), out);
        return out;
    }

    private static Map<String, Bound> toLookup(Map<String, String> row) {
        Map<String, Bound> lookup = new HashMap<>();
        row.forEach((k, v) -> lookup.put(k, new Bound(v, null)));
        return lookup;
    }

    private void expand(Step step, Map<String, Bound> lookup, List<Step> parents, List<ExecutableStep> out) {
        if (step.concept().isEmpty()) {
            out.add(new ExecutableStep(step, resolveBound(step, lookup), parents));
            return;
        }
        Concept concept = step.concept().get();
        // Bind call-site arguments by position to the heading's parameter names.
        Map<String, Bound> inner = new HashMap<>();
        List<StepArg> args = step.args().stream().filter(StepArg::hasPlaceholder).toList();
        for (int i = 0; i < concept.params().size() && i < args.size(); i++) {
            inner.put(concept.params().get(i), bind(args.get(i), lookup));
        }
        List<Step> chain = new ArrayList<>(parents);
        chain.add(step);
        for (Step sub : concept.steps()) {
            expand(sub, inner, chain, out);
        }
    }

    private Bound bind(StepArg arg, Map<String, Bound> lookup) {
        return switch (arg.kind()) {
            case STATIC, SPECIAL_STRING, MULTILINE_STRING -> new Bound(arg.value(), null);
            case DYNAMIC -> lookup.getOrDefault(arg.value(), new Bound("", null));
            case SPECIAL_TABLE -> new Bound("", arg.table().orElseThrow());
            case TABLE -> new Bound("", resolveTable(arg.table().orElseThrow(), lookup));
        };
    }

    private List<Parameter> resolveBound(Step step, Map<String, Bound> lookup) {
        List<Parameter> out = new ArrayList<>(step.args().size());
        for (StepArg a : step.args()) {
            out.add(switch (a.kind()) {
                case STATIC -> new Parameter(Parameter.Type.STATIC, "", a.value(), Optional.empty());
                case DYNAMIC -> {
                    Bound b = lookup.getOrDefault(a.value(), new Bound("", null));
                    yield b.table() != null
                            ? new Parameter(Parameter.Type.SPECIAL_TABLE, a.name(), "", Optional.of(b.table()))
                            : new Parameter(Parameter.Type.DYNAMIC, a.name(), b.text(), Optional.empty());
                }
                case SPECIAL_STRING -> new Parameter(Parameter.Type.SPECIAL_STRING, a.name(), a.value(),
                        Optional.empty());
                case SPECIAL_TABLE -> new Parameter(Parameter.Type.SPECIAL_TABLE, a.name(), "", a.table());
                case MULTILINE_STRING -> new Parameter(Parameter.Type.SPECIAL_STRING, "", a.value(),
                        Optional.empty());
                case TABLE -> new Parameter(Parameter.Type.TABLE, "", "",
                        Optional.of(resolveTable(a.table().orElseThrow(), lookup)));
            });
        }
        return out;
    }

    /** Replaces {@code <col>} cells by the bound value and {@code <file:...>} cells by the file contents. */
    private Table resolveTable(Table t, Map<String, Bound> lookup) {
        List<Table.Row> rows = new ArrayList<>(t.rows().size());
        for (Table.Row r : t.rows()) {
            List<Table.Cell> cells = new ArrayList<>(r.cells().size());
            for (Table.Cell c : r.cells()) {
                cells.add(switch (c.kind()) {
                    case STATIC -> c;
                    case DYNAMIC -> {
                        Bound b = lookup.get(c.value());
                        yield b == null || b.table() != null ? c : new Table.Cell(b.text(), c.raw(), Table.CellKind.STATIC);
                    }
                    case SPECIAL_STRING -> new Table.Cell(files.read(c.value().substring(5).strip()).orElse(""),
                            c.raw(), Table.CellKind.STATIC);
                });
            }
            rows.add(new Table.Row(r.line(), cells));
        }
        return new Table(t.line(), t.headers(), rows);
    }
}
