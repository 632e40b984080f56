package dev.stepwise.host.refactor;

import dev.stepwise.host.parser.StepSources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renames a step in one spec or concept file's text. Only the step text of each matching line changes, at its exact
 * characters: the {@code *}, indentation, line ending (CRLF stays CRLF), tables, comments and every other line are
 * kept as they are. Each call site keeps its own arguments as written (a quoted static stays quoted with its
 * escapes, a {@code <dynamic>} stays dynamic, an inline table stays below the step).
 *
 * <p>A step matches when its {@code {}} value (with Gauge's {@code " {}"} suffix for an inline table) equals the old
 * text's value. In concept files the concept headings that match are renamed too; a parameter a heading gains is
 * written {@code <name>} (headings take dynamic parameters only), one a step gains is written {@code "name"}, as
 * Gauge does.
 */
public final class SpecRewriter {

    private final StepRename rename;
    private final boolean allowMultilineStep;

    /**
     * @param rename             what to rename
     * @param allowMultilineStep the project's {@code allow_multiline_step}, so lines are read as the parser reads them
     */
    public SpecRewriter(StepRename rename, boolean allowMultilineStep) {
        this.rename = rename;
        this.allowMultilineStep = allowMultilineStep;
    }

    /** Where a rename happened: a 1-based line, and whether it was a concept heading. */
    public record Occurrence(int line, boolean heading) {
    }

    /** A file's new text and the lines that changed; {@code occurrences} is empty when nothing matched. */
    public record Rewrite(String content, List<Occurrence> occurrences) {
        public Rewrite {
            occurrences = List.copyOf(occurrences);
        }

        public boolean changed() {
            return !occurrences.isEmpty();
        }
    }

    /**
     * @param file        the file, for messages
     * @param content     its text
     * @param conceptFile whether headings are concept headings ({@code .cpt})
     * @throws RefactorException when a matching step cannot be rewritten safely (named with file:line)
     */
    public Rewrite rewrite(Path file, String content, boolean conceptFile) throws RefactorException {
        String oldValue = rename.oldStep().value();
        List<StepSources.Line> matches = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        for (StepSources.Line line : StepSources.lines(content, allowMultilineStep)) {
            boolean heading = line.kind() == StepSources.LineKind.HEADING;
            if (heading && !conceptFile) {
                continue;
            }
            StepSources.Text parsed;
            try {
                parsed = StepSources.parse(line.text());
            } catch (IllegalArgumentException e) {
                continue;   // not a valid step, so it cannot be a use of the old one
            }
            String value = line.inlineTable() ? parsed.value() + " {}" : parsed.value();
            if (!value.equals(oldValue)) {
                continue;
            }
            String where = file + ":" + line.line();
            if (line.joined()) {
                throw new RefactorException(where + ": the step is written over several lines "
                        + "(allow_multiline_step); join it into one line, then rename");
            }
            matches.add(line);
            replacements.add(newText(where, line.text(), parsed, line.inlineTable(), heading));
        }
        if (matches.isEmpty()) {
            return new Rewrite(content, List.of());
        }
        StringBuilder out = new StringBuilder(content);
        List<Occurrence> occurrences = new ArrayList<>();
        for (int i = matches.size() - 1; i >= 0; i--) {
            StepSources.Line line = matches.get(i);
            out.replace(line.offset(), line.offset() + line.text().length(), replacements.get(i));
        }
        for (StepSources.Line line : matches) {
            occurrences.add(new Occurrence(line.line(), line.kind() == StepSources.LineKind.HEADING));
        }
        return new Rewrite(out.toString(), occurrences);
    }

    /** The call site's new step text: the new plain parts around this site's own arguments, moved as the rename says. */
    private String newText(String where, String text, StepSources.Text parsed, boolean table, boolean heading)
            throws RefactorException {
        List<StepSources.Param> newParams = rename.newStep().params();
        List<Integer> sources = rename.sources();
        List<String> segments = rename.newSegments();
        int oldCount = rename.oldStep().params().size();
        int written = newParams.size();
        if (table) {
            int tableParam = oldCount - 1;
            if (!sources.contains(tableParam)) {
                throw new RefactorException(where + ": this use of the step has an inline table, which is the old "
                        + "parameter <" + rename.oldNames().get(tableParam) + ">; the new text drops it. Keep that "
                        + "parameter (as the last one), or remove the table by hand first");
            }
            if (sources.get(written - 1) != tableParam) {
                throw new RefactorException(where + ": this use of the step has an inline table, which is the old "
                        + "parameter <" + rename.oldNames().get(tableParam) + ">; a table can only be the last "
                        + "parameter, so keep <" + rename.oldNames().get(tableParam) + "> last in the new text");
            }
            written--;
        }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < written; j++) {
            sb.append(segments.get(j));
            int from = sources.get(j);
            if (from >= 0) {
                StepSources.Param arg = parsed.params().get(from);
                sb.append(text, arg.start(), arg.end());
            } else if (heading) {
                sb.append('<').append(escape(newParams.get(j).text(), '>')).append('>');
            } else {
                sb.append('"').append(escape(newParams.get(j).text(), '"')).append('"');
            }
        }
        for (int j = written; j < segments.size(); j++) {
            sb.append(segments.get(j));
        }
        String result = sb.toString().strip();
        // The rewritten line must read back as the new step; anything else would silently break the spec.
        String expected = rename.newStep().value();
        String got;
        try {
            got = StepSources.parse(result).value() + (table ? " {}" : "");
        } catch (IllegalArgumentException e) {
            got = "(" + e.getMessage() + ")";
        }
        if (!got.equals(expected)) {
            throw new RefactorException(where + ": renaming '" + text + "' would give '" + result + "', which reads as '"
                    + got + "' instead of '" + expected + "'; rename this use by hand");
        }
        return result;
    }

    private static String escape(String s, char close) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\\' || c == close) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
