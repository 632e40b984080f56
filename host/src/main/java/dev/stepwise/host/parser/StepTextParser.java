package dev.stepwise.host.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits step text into plain parts and parameters, one pass over the characters, following Gauge's rules:
 * {@code "..."} static, {@code <...>} dynamic, {@code <prefix:...>} special; {@code \} escapes the next character
 * ({@code \n}/{@code \t} inside parameters become newline/tab); unescaped {@code {}} in plain text is an error; in
 * plain text a backslash before any other character is kept.
 */
final class StepTextParser {

    enum ParamKind { STATIC, DYNAMIC, SPECIAL }

    /**
     * @param offset 0-based index of the opening {@code "} or {@code <} in the step text
     * @param end    0-based index just after the closing {@code "} or {@code >}
     */
    record Param(ParamKind kind, String text, int offset, int end) {
    }

    /** Either parts/params, or an error with the 0-based offset in the text it refers to. */
    record Result(List<String> parts, List<Param> params, String value, String error, int errorOffset) {
        boolean ok() {
            return error == null;
        }
    }

    private static final int DEFAULT = 0;
    private static final int QUOTES = 1;
    private static final int DYNAMIC = 2;

    private StepTextParser() {
    }

    static Result parse(String text) {
        List<String> parts = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        StringBuilder arg = new StringBuilder();
        int state = DEFAULT;
        boolean escaped = false;
        boolean special = false;
        int paramStart = -1;
        int escapeAt = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                escaped = false;
                if (state == DEFAULT) {
                    if (c != '{' && c != '}') {
                        plain.append('\\');
                    }
                    plain.append(c);
                } else {
                    arg.append(c == 'n' ? '\n' : c == 't' ? '\t' : c);
                }
                continue;
            }
            if (c == '\\') {
                escaped = true;
                escapeAt = i;
                continue;
            }
            switch (state) {
                case DEFAULT -> {
                    if (c == '<') {
                        state = DYNAMIC;
                        special = false;
                        paramStart = i;
                    } else if (c == '"') {
                        state = QUOTES;
                        paramStart = i;
                    } else if (c == '{' || c == '}') {
                        return error("'" + c + "' is a reserved character and should be escaped. Write \\" + c
                                + " to use it as text", i);
                    } else {
                        plain.append(c);
                    }
                }
                case DYNAMIC -> {
                    if (c == '>') {
                        params.add(new Param(special ? ParamKind.SPECIAL : ParamKind.DYNAMIC, arg.toString(), paramStart,
                                i + 1));
                        parts.add(plain.toString());
                        plain.setLength(0);
                        arg.setLength(0);
                        state = DEFAULT;
                    } else {
                        if (c == ':') {
                            special = true;
                        }
                        arg.append(c);
                    }
                }
                default -> {
                    if (c == '"') {
                        params.add(new Param(ParamKind.STATIC, arg.toString(), paramStart, i + 1));
                        parts.add(plain.toString());
                        plain.setLength(0);
                        arg.setLength(0);
                        state = DEFAULT;
                    } else {
                        arg.append(c);
                    }
                }
            }
        }
        if (state == QUOTES) {
            return error("String not terminated. Close the static parameter with a matching \"", paramStart);
        }
        if (state == DYNAMIC) {
            return error("Dynamic parameter not terminated. Close the parameter with >", paramStart);
        }
        if (escaped) {
            // Gauge silently drops a trailing backslash; keeping it as text is the least surprising reading.
            plain.append('\\');
        }
        parts.add(plain.toString());
        // Trim the way Gauge trims the joined value: only the outer ends.
        parts.set(0, stripLeading(parts.get(0)));
        int last = parts.size() - 1;
        parts.set(last, parts.get(last).stripTrailing());
        return new Result(List.copyOf(parts), List.copyOf(params), String.join("{}", parts), null, escapeAt);
    }

    private static String stripLeading(String s) {
        return s.stripLeading();
    }

    private static Result error(String message, int offset) {
        return new Result(List.of(), List.of(), "", message, offset);
    }
}
