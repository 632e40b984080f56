package dev.stepwise.host.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a file's text into line tokens in one pass. Each line is classified with plain character checks (no
 * regular expressions), in Gauge's order: blank, scenario heading, spec heading, {@code ===} / {@code ---}
 * underlines, step, tags, table row, {@code table:}, teardown, multi-line step continuation, comment.
 */
final class Lexer {

    enum Kind { BLANK, SPEC_HEADING, SCENARIO_HEADING, STEP, TAGS, TABLE_ROW, DATA_TABLE, TEARDOWN, COMMENT }

    static final class Token {
        final Kind kind;
        final int line;
        int endLine;
        /** Heading text, step text, tag text after the colon, trimmed table row, table: path, or comment line. */
        String text;
        final int column;
        /** Column (1-based) where {@link #text} starts, for steps. */
        int textColumn;
        /** True when the step was joined over several lines (column mapping is then approximate). */
        boolean joined;
        /** The body of a {@code """} block following a step, or null. */
        String multiline;
        /** Tag lines continue after a trailing comma. */
        boolean tagContinuation;
        /** A lexing error attached to a step (an unterminated """ block), or null. */
        String error;

        Token(Kind kind, int line, String text, int column) {
            this.kind = kind;
            this.line = line;
            this.endLine = line;
            this.text = text;
            this.column = column;
            this.textColumn = column;
        }
    }

    private Lexer() {
    }

    static List<Token> tokenize(String content, boolean allowMultilineStep) {
        List<Token> tokens = new ArrayList<>();
        int lineNo = 0;
        int pos = 0;
        int len = content.length();
        Token lastStep = null;          // the step that blank lines / continuations / """ may attach to
        boolean blankSinceStep = false;
        boolean inTagContinuation = false;
        while (pos < len) {
            int eol = content.indexOf('\n', pos);
            int next = eol < 0 ? len : eol + 1;
            int end = eol < 0 ? len : eol;
            if (end > pos && content.charAt(end - 1) == '\r') {
                end--;
            }
            String line = content.substring(pos, end);
            pos = next;
            lineNo++;
            int start = firstNonBlank(line);
            if (start < 0) {
                if (lastStep != null) {
                    // Gauge keeps blank lines after a step as the step's suffix, so a table can still follow.
                    blankSinceStep = true;
                    continue;
                }
                tokens.add(new Token(Kind.BLANK, lineNo, "", 1));
                inTagContinuation = false;
                continue;
            }
            String t = line.strip();
            int col = start + 1;
            Token tok;
            char c0 = t.charAt(0);
            boolean wasTagContinuation = inTagContinuation;
            inTagContinuation = false;
            if (c0 == '#' && t.length() >= 2 && t.charAt(1) == '#' && (t.length() == 2 || t.charAt(2) != '#')) {
                tok = new Token(Kind.SCENARIO_HEADING, lineNo, t.substring(2).strip(), col);
            } else if (c0 == '#' && (t.length() == 1 || t.charAt(1) != '#')) {
                tok = new Token(Kind.SPEC_HEADING, lineNo, t.substring(1).strip(), col);
            } else if (isUnderline(t, '=') || isUnderline(t, '-')) {
                Token prev = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
                if (prev != null && prev.kind == Kind.COMMENT && prev.endLine == lineNo - 1) {
                    // "Heading" followed by ===/--- turns the comment line into a heading.
                    Token heading = new Token(c0 == '=' ? Kind.SPEC_HEADING : Kind.SCENARIO_HEADING, prev.line,
                            prev.text.strip(), prev.column);
                    heading.endLine = lineNo;
                    tokens.set(tokens.size() - 1, heading);
                    lastStep = null;
                    continue;
                }
                tok = new Token(Kind.COMMENT, lineNo, line.stripTrailing(), col);
            } else if (c0 == '*' && (t.length() == 1 || t.charAt(1) != '*')) {
                String text = t.substring(1).strip();
                tok = new Token(Kind.STEP, lineNo, text, col);
                tok.textColumn = text.isEmpty() ? col : line.indexOf(text, start + 1) + 1;
            } else if (wasTagContinuation || tagPrefixLength(t) > 0) {
                int skip = wasTagContinuation ? 0 : tagPrefixLength(t);
                tok = new Token(Kind.TAGS, lineNo, t.substring(skip).strip(), col);
                tok.tagContinuation = wasTagContinuation;
                inTagContinuation = t.endsWith(",");
            } else if (c0 == '|' && t.charAt(t.length() - 1) == '|') {
                tok = new Token(Kind.TABLE_ROW, lineNo, t, col);
            } else if (isDataTableKeyword(t)) {
                tok = new Token(Kind.DATA_TABLE, lineNo, t.substring(t.indexOf(':') + 1).strip(), col);
            } else if (isUnderline(t, '_')) {
                tok = new Token(Kind.TEARDOWN, lineNo, t, col);
            } else if (lastStep != null && !blankSinceStep && t.equals("\"\"\"")) {
                // A """ block directly after a step is one multi-line string argument.
                List<String> body = new ArrayList<>();
                boolean closed = false;
                int blockStart = lineNo;
                while (pos < len) {
                    int e2 = content.indexOf('\n', pos);
                    int n2 = e2 < 0 ? len : e2 + 1;
                    int end2 = e2 < 0 ? len : e2;
                    if (end2 > pos && content.charAt(end2 - 1) == '\r') {
                        end2--;
                    }
                    String bodyLine = content.substring(pos, end2);
                    pos = n2;
                    lineNo++;
                    if (bodyLine.strip().equals("\"\"\"")) {
                        closed = true;
                        break;
                    }
                    body.add(bodyLine);
                }
                lastStep.multiline = String.join("\n", body);
                lastStep.endLine = lineNo;
                if (!closed) {
                    lastStep.error = "Multi-line string not terminated. Close the block that starts at line "
                            + blockStart + " with a line containing only \"\"\"";
                }
                continue;
            } else if (allowMultilineStep && lastStep != null && !blankSinceStep
                    && lastStep.multiline == null && tokens.get(tokens.size() - 1) == lastStep) {
                lastStep.text = (lastStep.text + " " + line).strip();
                lastStep.endLine = lineNo;
                lastStep.joined = true;
                continue;
            } else {
                tok = new Token(Kind.COMMENT, lineNo, line.stripTrailing(), col);
            }
            tokens.add(tok);
            if (tok.kind == Kind.STEP) {
                lastStep = tok;
                blankSinceStep = false;
            } else {
                lastStep = null;
            }
        }
        return tokens;
    }

    static int firstNonBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isUnderline(String t, char ch) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) != ch) {
                return false;
            }
        }
        return true;
    }

    /** Length of a {@code tags:} or {@code tags :} prefix (case-insensitive), or 0. */
    static int tagPrefixLength(String t) {
        if (t.length() >= 5 && t.regionMatches(true, 0, "tags:", 0, 5)) {
            return 5;
        }
        if (t.length() >= 6 && t.regionMatches(true, 0, "tags :", 0, 6)) {
            return 6;
        }
        return 0;
    }

    /** {@code table:} with optional spaces before the colon, case-insensitive. */
    static boolean isDataTableKeyword(String t) {
        if (t.length() < 6 || !t.regionMatches(true, 0, "table", 0, 5)) {
            return false;
        }
        int i = 5;
        while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
            i++;
        }
        return i < t.length() && t.charAt(i) == ':';
    }
}
