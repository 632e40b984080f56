package dev.stepwise.runner.refactor;

/**
 * Replace the text between two positions with {@code content}. Lines 0-based and columns 0-based
 * (UTF-16 units, as editors count), end exclusive; each RPC shifts lines to the base Gauge expects.
 */
public record TextEdit(int startLine, int startColumn, int endLine, int endColumn, String content) {

    /**
     * The smallest single edit that turns {@code before} into {@code after}: their common prefix and
     * suffix are left alone. Empty-handed when the texts are equal.
     */
    public static java.util.Optional<TextEdit> between(String before, String after) {
        if (before.equals(after)) {
            return java.util.Optional.empty();
        }
        int prefix = 0;
        int max = Math.min(before.length(), after.length());
        while (prefix < max && before.charAt(prefix) == after.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < max - prefix
                && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
            suffix++;
        }
        // Never split a CRLF pair or a surrogate pair between the kept and replaced parts.
        while (prefix > 0 && splitsPair(before, prefix)) {
            prefix--;
        }
        while (suffix > 0 && splitsPair(before, before.length() - suffix)) {
            suffix--;
        }
        int[] start = position(before, prefix);
        int[] end = position(before, before.length() - suffix);
        return java.util.Optional.of(new TextEdit(start[0], start[1], end[0], end[1],
                after.substring(prefix, after.length() - suffix)));
    }

    private static boolean splitsPair(String s, int index) {
        if (index <= 0 || index >= s.length()) {
            return false;
        }
        char before = s.charAt(index - 1);
        char at = s.charAt(index);
        return (before == '\r' && at == '\n') || (Character.isHighSurrogate(before) && Character.isLowSurrogate(at));
    }

    /** The 0-based line and column of a character offset; {@code \r\n}, {@code \n} and {@code \r} end lines. */
    static int[] position(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart};
    }

    /** The same edit with lines counted from 1. */
    public TextEdit oneBasedLines() {
        return new TextEdit(startLine + 1, startColumn, endLine + 1, endColumn, content);
    }
}
