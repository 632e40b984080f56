package dev.stepwise.runner.refactor;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a method's parameter list, split into its parameters exactly as written (comments,
 * annotations and generics included), so a rename can reorder, drop or add parameters without
 * touching any other byte. Found by scanning from the method's name: strings, character literals and
 * comments are skipped, and commas count only outside brackets.
 *
 * @param open       offset of {@code (}
 * @param close      offset of {@code )}
 * @param parameters each parameter's text, trimmed
 * @param separator  the text between parameters as written (", " when there was only one)
 */
record ParameterList(int open, int close, List<String> parameters, String separator) {

    /** Scans the parameter list that starts after {@code nameEnd} (the offset just after the method's name). */
    static ParameterList scan(String text, int nameEnd) throws RefactorException {
        int open = skipToOpen(text, nameEnd);
        List<Integer> commas = new ArrayList<>();
        int depth = 0;
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                i = text.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    break;
                }
                i = end + 1;
            } else if (c == '"' || c == '\'') {
                i = endOfLiteral(text, i, c);
            } else if (c == '(' || c == '<' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' && depth == 0) {
                return split(text, open, i, commas);
            } else if (c == ')' || c == '>' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                commas.add(i);
            }
            i++;
        }
        throw new RefactorException("Cannot find the end of the parameter list");
    }

    private static int skipToOpen(String text, int from) throws RefactorException {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                return i;
            }
            if (!Character.isWhitespace(c)) {
                throw new RefactorException("Unexpected '" + c + "' between the method name and its parameters");
            }
        }
        throw new RefactorException("No parameter list after the method name");
    }

    private static int endOfLiteral(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    private static ParameterList split(String text, int open, int close, List<Integer> commas) {
        List<String> parameters = new ArrayList<>();
        int start = open + 1;
        for (int comma : commas) {
            parameters.add(text.substring(start, comma).strip());
            start = comma + 1;
        }
        String last = text.substring(start, close).strip();
        if (!last.isEmpty() || !commas.isEmpty()) {
            parameters.add(last);
        }
        String separator = ", ";
        if (!commas.isEmpty()) {
            int comma = commas.get(0);
            int next = comma + 1;
            while (next < close && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            separator = text.substring(comma, next);
        }
        return new ParameterList(open, close, List.copyOf(parameters), separator);
    }

    /** The text with this list replaced by {@code newParameters}. */
    String replaceIn(String text, List<String> newParameters) {
        return text.substring(0, open + 1) + String.join(separator, newParameters) + text.substring(close);
    }
}
