package dev.stepwise.host.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Where steps and headings are written in a file's text, for tools that edit specs in place (refactoring) rather
 * than run them. It uses the parser's own lexer and step-text rules, so what it calls a step and its {@code {}}
 * value are exactly what the parser would compute; it adds the character offsets the parse tree does not keep.
 */
public final class StepSources {

    private StepSources() {
    }

    /** A parameter as written: its kind, its text without quotes or brackets, and where it sits in the step text. */
    public record Param(Kind kind, String text, int start, int end) {

        /** How the parameter is written. */
        public enum Kind { STATIC, DYNAMIC, SPECIAL }
    }

    /**
     * A step text split the way Gauge splits it.
     *
     * @param value  the matching key, parameters replaced by {@code {}} (no inline-table suffix)
     * @param params the parameters in order, with offsets into the text
     */
    public record Text(String value, List<Param> params) {
        public Text {
            params = List.copyOf(params);
        }
    }

    /**
     * A step or heading line.
     *
     * @param kind        step, or spec/concept heading
     * @param line        1-based line number
     * @param offset      0-based offset in the file's content where {@link #text} starts
     * @param text        the step text after {@code *} (trimmed), or the heading text after {@code #}
     * @param joined      true when the step was joined over several lines ({@code allow_multiline_step}); its text
     *                    is then not one contiguous run of the content
     * @param inlineTable true when an inline table follows the step
     */
    public record Line(LineKind kind, int line, int offset, String text, boolean joined, boolean inlineTable) {
    }

    /** The line kinds reported. */
    public enum LineKind { STEP, HEADING }

    /**
     * Parses step text.
     *
     * @throws IllegalArgumentException with Gauge's message when the text is not a valid step
     */
    public static Text parse(String text) {
        StepTextParser.Result r = StepTextParser.parse(text);
        if (!r.ok()) {
            throw new IllegalArgumentException(r.error() + " (at character " + (r.errorOffset() + 1) + " of '"
                    + text + "')");
        }
        if (r.value().isBlank() && r.params().isEmpty()) {
            throw new IllegalArgumentException("Step should not be blank");
        }
        List<Param> params = new ArrayList<>(r.params().size());
        for (StepTextParser.Param p : r.params()) {
            params.add(new Param(Param.Kind.valueOf(p.kind().name()), p.text(), p.offset(), p.end()));
        }
        return new Text(r.value(), params);
    }

    /** The steps and headings of a file's content, in order. */
    public static List<Line> lines(String content, boolean allowMultilineStep) {
        List<Lexer.Token> tokens = Lexer.tokenize(content, allowMultilineStep);
        List<Integer> lineStarts = lineStarts(content);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Lexer.Token t = tokens.get(i);
            int start = lineStarts.get(t.line - 1);
            if (t.kind == Lexer.Kind.STEP) {
                boolean table = i + 1 < tokens.size() && tokens.get(i + 1).kind == Lexer.Kind.TABLE_ROW;
                out.add(new Line(LineKind.STEP, t.line, start + t.textColumn - 1, t.text, t.joined, table));
            } else if (t.kind == Lexer.Kind.SPEC_HEADING) {
                int end = t.line < lineStarts.size() ? lineStarts.get(t.line) : content.length();
                String line = content.substring(start, end);
                int at = line.indexOf(t.text, Math.max(0, t.column - 1));
                if (at >= 0 && !t.text.isEmpty()) {
                    out.add(new Line(LineKind.HEADING, t.line, start + at, t.text, false, false));
                }
            }
        }
        return out;
    }

    private static List<Integer> lineStarts(String content) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts;
    }
}
