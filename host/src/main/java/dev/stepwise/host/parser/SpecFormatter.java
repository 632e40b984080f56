package dev.stepwise.host.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a parsed spec back in canonical form: {@code # Heading}, {@code Tags: a, b}, {@code ## Scenario},
 * {@code * step} with parameters re-quoted and escaped, tables with padded columns and a separator row, comments kept,
 * {@code ___} before teardown steps. Blocks are separated by one blank line. Formatting the output again gives the
 * same text. Specs with parse errors are refused.
 */
public final class SpecFormatter {

    private static final String TABLE_INDENT = "   ";

    /**
     * The formatted text, or the errors that prevented formatting.
     *
     * @param text        the canonical text, if the spec had no errors
     * @param diagnostics the errors that prevented formatting (empty on success)
     */
    public record Result(Optional<String> text, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    public Result format(ParsedSpec parsed) {
        if (parsed.hasErrors()) {
            return new Result(Optional.empty(), parsed.errors());
        }
        return new Result(Optional.of(format(parsed.spec())), List.of());
    }

    /** Formats a spec model (the caller is responsible for it being error-free). */
    public String format(Spec spec) {
        List<List<String>> blocks = new ArrayList<>();
        blocks.add(new ArrayList<>(List.of("# " + spec.heading())));
        Kind[] last = {Kind.OTHER};
        for (SpecItem item : spec.items()) {
            if (item instanceof Scenario s) {
                blocks.add(new ArrayList<>(List.of("## " + s.heading())));
                last[0] = Kind.OTHER;
                for (SpecItem si : s.items()) {
                    add(blocks, si, last);
                }
            } else {
                add(blocks, item, last);
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> block : blocks) {
            if (out.length() > 0) {
                out.append('\n');
            }
            for (String line : block) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private enum Kind { COMMENT, STEP, OTHER }

    private static void add(List<List<String>> blocks, SpecItem item, Kind[] last) {
        List<String> current = blocks.get(blocks.size() - 1);
        if (item instanceof Comment c) {
            if (c.isBlank()) {
                last[0] = Kind.OTHER;
                return;
            }
            String t = c.text().strip();
            boolean underline = Lexer.isUnderline(t, '=') || Lexer.isUnderline(t, '-');
            if (last[0] == Kind.COMMENT && !underline) {
                current.add(c.text());
            } else {
                blocks.add(new ArrayList<>(List.of(c.text())));
            }
            last[0] = Kind.COMMENT;
            return;
        }
        if (item instanceof Step s) {
            if (last[0] == Kind.STEP) {
                current.addAll(stepLines(s));
            } else {
                blocks.add(new ArrayList<>(stepLines(s)));
            }
            last[0] = Kind.STEP;
            return;
        }
        if (item instanceof Tags t) {
            blocks.add(new ArrayList<>(List.of("Tags: " + String.join(", ", t.values()))));
        } else if (item instanceof DataTable d) {
            blocks.add(new ArrayList<>(d.source().map(src -> List.of("table: " + src))
                    .orElseGet(() -> tableLines(d.table(), ""))));
        } else if (item instanceof Teardown) {
            blocks.add(new ArrayList<>(List.of("___")));
        }
        last[0] = Kind.OTHER;
    }

    /** The step line, a {@code """} block and the inline table, as they should be written. */
    public static List<String> stepLines(Step step) {
        List<String> lines = new ArrayList<>();
        lines.add("* " + stepText(step));
        for (StepArg a : step.args()) {
            if (a.kind() == StepArg.Kind.MULTILINE_STRING) {
                lines.add("\"\"\"");
                lines.addAll(a.value().lines().toList());
                lines.add("\"\"\"");
            }
        }
        step.inlineTable().ifPresent(t -> lines.addAll(tableLines(t, TABLE_INDENT)));
        return lines;
    }

    /** The step text with parameters re-quoted and escaped (without the leading {@code *}). */
    public static String stepText(Step step) {
        StringBuilder sb = new StringBuilder(escapePlain(step.textParts().get(0)));
        int part = 1;
        for (StepArg a : step.args()) {
            switch (a.kind()) {
                case STATIC -> sb.append('"').append(escapeParam(a.value(), '"')).append('"');
                case DYNAMIC -> sb.append('<').append(escapeParam(a.value(), '>')).append('>');
                case SPECIAL_STRING, SPECIAL_TABLE -> sb.append('<').append(escapeParam(a.name(), '>')).append('>');
                default -> {
                    continue;
                }
            }
            sb.append(escapePlain(step.textParts().get(part++)));
        }
        return sb.toString();
    }

    private static String escapePlain(String s) {
        if (s.indexOf('{') < 0 && s.indexOf('}') < 0) {
            return s;
        }
        return s.replace("{", "\\{").replace("}", "\\}");
    }

    private static String escapeParam(String s, char close) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == close) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String escapeHeader(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|");
    }

    static List<String> tableLines(Table t, String indent) {
        int cols = t.headers().size();
        int[] width = new int[cols];
        List<String> headers = new ArrayList<>(cols);
        for (int i = 0; i < cols; i++) {
            String h = escapeHeader(t.headers().get(i));
            headers.add(h);
            width[i] = Math.max(1, h.length());
        }
        for (Table.Row r : t.rows()) {
            for (int i = 0; i < cols && i < r.cells().size(); i++) {
                width[i] = Math.max(width[i], r.cells().get(i).raw().length());
            }
        }
        List<String> lines = new ArrayList<>(t.rows().size() + 2);
        lines.add(row(indent, headers, width));
        StringBuilder sep = new StringBuilder(indent).append('|');
        for (int w : width) {
            sep.append("-".repeat(w + 2)).append('|');
        }
        lines.add(sep.toString());
        for (Table.Row r : t.rows()) {
            List<String> cells = new ArrayList<>(cols);
            for (int i = 0; i < cols; i++) {
                cells.add(i < r.cells().size() ? r.cells().get(i).raw() : "");
            }
            lines.add(row(indent, cells, width));
        }
        return lines;
    }

    private static String row(String indent, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder(indent).append('|');
        for (int i = 0; i < width.length; i++) {
            String c = cells.get(i);
            sb.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
        }
        return sb.toString();
    }
}
