package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Mutable step under construction (a table may still be attached); shared by the spec and concept parsers. */
final class StepBuilder {

    final int line;
    int endLine;
    final String text;
    final List<String> parts;
    final String baseValue;
    final List<StepArg> args;
    TableBuilder table;
    private Step built;

    private StepBuilder(Lexer.Token token, StepTextParser.Result parsed, List<StepArg> args) {
        this.line = token.line;
        this.endLine = token.endLine;
        this.text = token.text;
        this.parts = parsed.parts();
        this.baseValue = parsed.value().strip();
        this.args = args;
    }

    /**
     * Parses a step token; reports problems to {@code sink}. Returns null when the step text is invalid.
     *
     * @param known names a {@code <dynamic>} parameter may refer to
     */
    static StepBuilder create(Lexer.Token token, Collection<String> known, String scopeHint, ProjectFiles files,
                              Path file, List<Diagnostic> sink) {
        if (token.text.isEmpty()) {
            sink.add(Diagnostic.error(file, token.line, token.column,
                    "Step should not be blank. Write the step text after '*' or remove the line"));
            return null;
        }
        StepTextParser.Result parsed = StepTextParser.parse(token.text);
        if (!parsed.ok()) {
            int col = token.joined ? token.textColumn : token.textColumn + parsed.errorOffset();
            sink.add(Diagnostic.error(file, token.line, col, parsed.error()));
            return null;
        }
        List<StepArg> args = new ArrayList<>(parsed.params().size() + 1);
        for (StepTextParser.Param p : parsed.params()) {
            int col = token.joined ? token.textColumn : token.textColumn + p.offset();
            switch (p.kind()) {
                case STATIC -> args.add(StepArg.ofStatic(p.text()));
                case DYNAMIC -> args.add(dynamic(p.text(), known, scopeHint, file, token.line, col, sink));
                default -> args.add(special(p.text(), known, scopeHint, files, file, token.line, col, sink));
            }
        }
        if (token.multiline != null) {
            args.add(new StepArg(StepArg.Kind.MULTILINE_STRING, token.multiline, "", Optional.empty()));
        }
        if (token.error != null) {
            sink.add(Diagnostic.error(file, token.line, token.column, token.error));
        }
        return new StepBuilder(token, parsed, args);
    }

    private static StepArg dynamic(String name, Collection<String> known, String scopeHint, Path file, int line,
                                   int col, List<Diagnostic> sink) {
        if (!known.contains(name)) {
            sink.add(Diagnostic.error(file, line, col, "Dynamic parameter <" + name + "> could not be resolved. "
                    + scopeHint));
        }
        return StepArg.ofDynamic(name);
    }

    private static StepArg special(String text, Collection<String> known, String scopeHint, ProjectFiles files,
                                   Path file, int line, int col, List<Diagnostic> sink) {
        int colon = text.indexOf(':');
        String prefix = text.substring(0, colon).strip();
        String path = text.substring(colon + 1).strip();
        if (prefix.equals("file")) {
            ProjectFiles.Lookup found = files.lookup(path);
            if (found.found()) {
                return new StepArg(StepArg.Kind.SPECIAL_STRING, found.contents().get(), text, Optional.empty());
            }
            sink.add(Diagnostic.error(file, line, col, "Dynamic parameter <" + text + "> could not be resolved. "
                    + found.problem()));
            return StepArg.ofDynamic(text);
        }
        if (prefix.equals("table")) {
            ProjectFiles.Lookup found = files.lookup(path);
            Optional<String> contents = found.contents();
            if (contents.isPresent()) {
                try {
                    Table t = CsvTables.parse(contents.get(), files.settings().csvDelimiter());
                    return new StepArg(StepArg.Kind.SPECIAL_TABLE, path, text, Optional.of(t));
                } catch (CsvTables.CsvException e) {
                    sink.add(Diagnostic.error(file, line, col, "Dynamic parameter <" + text
                            + "> could not be resolved. " + path + ": " + e.getMessage()));
                    return StepArg.ofDynamic(text);
                }
            }
            sink.add(Diagnostic.error(file, line, col, "Dynamic parameter <" + text + "> could not be resolved. "
                    + found.problem()));
            return StepArg.ofDynamic(text);
        }
        sink.add(Diagnostic.warning(file, line, col, "Could not resolve special param type <" + text
                + ">. Treating it as dynamic param."));
        return dynamic(text, known, scopeHint, file, line, col, sink);
    }

    /** Builds the immutable step; {@code concepts} maps a step value to the concept it invokes. */
    Step build(Function<String, Optional<Concept>> concepts) {
        if (built != null) {
            return built;
        }
        List<StepArg> all = args;
        String value = baseValue;
        String parameterized = parameterized();
        if (table != null) {
            all = new ArrayList<>(args);
            all.add(new StepArg(StepArg.Kind.TABLE, "", "", Optional.of(table.build())));
            value = value + " {}";
            parameterized = parameterized + " <table>";
        }
        built = new Step(line, endLine, text, parts, value, parameterized, all, concepts.apply(value));
        return built;
    }

    /** The value the built step will have (base value, plus {@code " {}"} for an inline table). */
    String finalValue() {
        return table != null ? baseValue + " {}" : baseValue;
    }

    private String parameterized() {
        StringBuilder sb = new StringBuilder(parts.get(0));
        int p = 1;
        for (StepArg a : args) {
            if (!a.hasPlaceholder()) {
                continue;
            }
            sb.append('<').append(a.parameterizedName()).append('>');
            sb.append(parts.get(p++));
        }
        return sb.toString().strip();
    }
}
