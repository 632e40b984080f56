package dev.stepwise.host.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses {@code .cpt} files into a {@link ConceptRegistry}: headings with dynamic parameters only, steps using those
 * parameters (with inline tables), nested concepts linked by value, duplicates and reference cycles reported.
 */
public final class ConceptParser {

    /**
     * The most leaf steps one concept may expand to. Nested calls multiply, so a few lines can ask for
     * millions of steps; such a concept is reported instead of exhausting memory when it is expanded.
     */
    static final long MAX_EXPANDED_STEPS = 10_000;

    /** The deepest concepts may nest; every expanded step carries the chain of concepts above it. */
    static final int MAX_NESTING = 100;

    private final ProjectFiles files;

    public ConceptParser(Path projectRoot, ParserSettings settings) {
        this.files = new ProjectFiles(projectRoot, settings);
    }

    private static final class RawConcept {
        final Path file;
        final int line;
        final int column;
        final String heading;
        final String value;
        final List<String> params;
        final List<StepBuilder> steps = new ArrayList<>();

        RawConcept(Path file, int line, int column, String heading, String value, List<String> params) {
            this.file = file;
            this.line = line;
            this.column = column;
            this.heading = heading;
            this.value = value;
            this.params = params;
        }
    }

    /** Reads and parses the files (in the order given), then links nested concepts. */
    public ConceptRegistry parseFiles(List<Path> cptFiles) {
        Map<Path, String> contents = new LinkedHashMap<>();
        List<Diagnostic> diags = new ArrayList<>();
        for (Path f : cptFiles) {
            try {
                contents.put(f, Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                diags.add(Diagnostic.error(f, 1, 1, "Could not read concept file: " + e.getMessage()));
            }
        }
        ConceptRegistry r = parse(contents);
        diags.addAll(r.diagnostics());
        return new ConceptRegistry(r.concepts(), diags);
    }

    /** Parses in-memory concept files (file to content, in iteration order). */
    public ConceptRegistry parse(Map<Path, String> contents) {
        List<Diagnostic> diags = new ArrayList<>();
        List<RawConcept> raws = new ArrayList<>();
        Map<String, RawConcept> byValue = new HashMap<>();
        for (Map.Entry<Path, String> e : contents.entrySet()) {
            for (RawConcept rc : parseFile(e.getKey(), e.getValue(), diags)) {
                RawConcept first = byValue.putIfAbsent(rc.value, rc);
                if (first != null) {
                    diags.add(Diagnostic.error(rc.file, rc.line, rc.column, "Duplicate concept definition found. '"
                            + rc.heading + "' is already defined at " + first.file + ":" + first.line
                            + "; remove or rename one of them"));
                } else {
                    raws.add(rc);
                }
            }
        }
        return link(raws, byValue, diags);
    }

    private List<RawConcept> parseFile(Path file, String content, List<Diagnostic> diags) {
        List<RawConcept> out = new ArrayList<>();
        RawConcept current = null;
        StepBuilder stepTarget = null;
        boolean inTable = false;
        boolean tableIgnored = false;
        TableBuilder table = null;
        for (Lexer.Token t : Lexer.tokenize(content, files.settings().allowMultilineStep())) {
            if (t.kind != Lexer.Kind.TABLE_ROW) {
                inTable = false;
                if (t.kind != Lexer.Kind.TAGS) {
                    stepTarget = null;
                }
            }
            switch (t.kind) {
                case SPEC_HEADING -> {
                    finishConcept(current, diags);
                    current = heading(file, t, diags);
                    if (current != null) {
                        out.add(current);
                    }
                }
                case SCENARIO_HEADING -> diags.add(Diagnostic.error(file, t.line, t.column,
                        "Scenario Heading is not allowed in concept file. Use '#' for a concept heading or move"
                                + " the scenario to a .spec file"));
                case STEP -> {
                    if (current == null) {
                        diags.add(Diagnostic.error(file, t.line, t.column, "Step is not defined inside a concept "
                                + "heading. Add a '# Concept name' heading above it"));
                    } else {
                        StepBuilder sb = StepBuilder.create(t, new LinkedHashSet<>(current.params),
                                "Concept steps can only use the parameters of the concept heading", files, file, diags);
                        if (sb != null) {
                            current.steps.add(sb);
                            stepTarget = sb;
                        }
                    }
                }
                case TABLE_ROW -> {
                    if (!inTable) {
                        inTable = true;
                        table = TableBuilder.header(t, file, diags);
                        if (stepTarget == null) {
                            tableIgnored = true;
                            diags.add(Diagnostic.error(file, t.line, t.column, "Table doesn't belong to any step. "
                                    + "Put the table directly under the step that takes it"));
                        } else {
                            tableIgnored = false;
                            stepTarget.table = table;
                            stepTarget.endLine = t.line;
                        }
                    } else if (!tableIgnored) {
                        List<String> values = new ArrayList<>();
                        List<String> raws = new ArrayList<>();
                        TableBuilder.split(t.text, values, raws);
                        table.addRow(t, values, raws, new LinkedHashSet<>(current.params), files, file, diags);
                        stepTarget.endLine = t.line;
                    }
                }
                default -> {
                    // comments, tags, teardown lines and table: keywords carry no meaning in a concept file
                }
            }
        }
        finishConcept(current, diags);
        return out;
    }

    private RawConcept heading(Path file, Lexer.Token t, List<Diagnostic> diags) {
        StepTextParser.Result parsed = StepTextParser.parse(t.text);
        if (!parsed.ok()) {
            diags.add(Diagnostic.error(file, t.line, t.column, parsed.error()));
            return null;
        }
        List<String> params = new ArrayList<>();
        for (StepTextParser.Param p : parsed.params()) {
            if (p.kind() != StepTextParser.ParamKind.DYNAMIC) {
                diags.add(Diagnostic.error(file, t.line, t.column, "Concept heading can have only Dynamic "
                        + "Parameters. Write the parameter as <name> and pass the value from the spec step"));
                return null;
            }
            params.add(p.text());
        }
        return new RawConcept(file, t.line, t.column, t.text, parsed.value().strip(), params);
    }

    private static void finishConcept(RawConcept c, List<Diagnostic> diags) {
        if (c != null && c.steps.isEmpty()) {
            diags.add(Diagnostic.error(c.file, c.line, c.column, "Concept should have at least one step. Add "
                    + "'* step' lines under the heading"));
        }
    }

    private static ConceptRegistry link(List<RawConcept> raws, Map<String, RawConcept> byValue,
                                        List<Diagnostic> diags) {
        Map<RawConcept, Concept> built = new HashMap<>();
        Set<RawConcept> cyclic = new LinkedHashSet<>();
        for (RawConcept rc : raws) {
            build(rc, byValue, built, new ArrayList<>(), cyclic, diags);
        }
        List<Concept> out = new ArrayList<>();
        Map<Concept, Long> sizes = new IdentityHashMap<>();
        Map<Concept, Integer> depths = new IdentityHashMap<>();
        for (RawConcept rc : raws) {
            Concept c = built.get(rc);
            if (c == null || cyclic.contains(rc)) {
                continue;
            }
            if (nesting(c, depths) > MAX_NESTING) {
                diags.add(Diagnostic.error(rc.file, rc.line, rc.column, "Concept '" + rc.heading + "' nests "
                        + "concepts more than " + MAX_NESTING + " levels deep. Flatten the chain of concepts"));
                continue;
            }
            if (leafSteps(c, sizes) > MAX_EXPANDED_STEPS) {
                diags.add(Diagnostic.error(rc.file, rc.line, rc.column, "Concept '" + rc.heading + "' expands to "
                        + "more than " + MAX_EXPANDED_STEPS + " steps (nested concepts called several times "
                        + "multiply). Call fewer concepts from it, or split it"));
                continue;
            }
            out.add(c);
        }
        return new ConceptRegistry(out, diags);
    }

    /**
     * How many levels of concepts a concept nests, itself included (as deep as {@link #build}, which links
     * them, already recursed).
     */
    private static int nesting(Concept concept, Map<Concept, Integer> depths) {
        Integer known = depths.get(concept);
        if (known != null) {
            return known;
        }
        int deepest = 0;
        for (Step step : concept.steps()) {
            if (step.concept().isPresent()) {
                deepest = Math.max(deepest, nesting(step.concept().get(), depths));
            }
        }
        depths.put(concept, deepest + 1);
        return deepest + 1;
    }

    /**
     * How many leaf steps a concept expands to, counted once per concept (nested calls multiply, so a
     * chain of concepts that each call the next twice doubles at every level). Saturates just above
     * the limit.
     */
    private static long leafSteps(Concept concept, Map<Concept, Long> sizes) {
        Long known = sizes.get(concept);
        if (known != null) {
            return known;
        }
        long total = 0;
        for (Step step : concept.steps()) {
            total += step.concept().map(nested -> leafSteps(nested, sizes)).orElse(1L);
            if (total > MAX_EXPANDED_STEPS) {
                total = MAX_EXPANDED_STEPS + 1;
                break;
            }
        }
        sizes.put(concept, total);
        return total;
    }

    /** Depth-first build; {@code path} is the chain of concepts being built, to detect cycles. */
    private static Optional<Concept> build(RawConcept rc, Map<String, RawConcept> byValue,
                                           Map<RawConcept, Concept> built, List<RawConcept> path,
                                           Set<RawConcept> cyclic, List<Diagnostic> diags) {
        Concept done = built.get(rc);
        if (done != null) {
            return cyclic.contains(rc) ? Optional.empty() : Optional.of(done);
        }
        int at = path.indexOf(rc);
        if (at >= 0) {
            List<RawConcept> cycle = path.subList(at, path.size());
            if (!cyclic.containsAll(cycle)) {
                StringBuilder chain = new StringBuilder();
                for (RawConcept c : cycle) {
                    chain.append('"').append(c.heading).append("\" (").append(c.file.getFileName()).append(':')
                            .append(c.line).append(") -> ");
                }
                chain.append('"').append(rc.heading).append('"');
                diags.add(Diagnostic.error(rc.file, rc.line, rc.column, "Circular reference found in concept: "
                        + chain + ". Remove one of these calls to break the cycle"));
                cyclic.addAll(cycle);
            }
            return Optional.empty();
        }
        path.add(rc);
        List<Step> steps = new ArrayList<>(rc.steps.size());
        for (StepBuilder sb : rc.steps) {
            RawConcept callee = byValue.get(sb.finalValue());
            Optional<Concept> target = callee == null ? Optional.empty()
                    : build(callee, byValue, built, path, cyclic, diags);
            steps.add(sb.build(v -> target));
        }
        path.remove(path.size() - 1);
        Concept c = new Concept(rc.file, rc.line, rc.heading, rc.value, rc.params, steps);
        built.put(rc, c);
        return cyclic.contains(rc) ? Optional.empty() : Optional.of(c);
    }
}
