package dev.stepwise.reports.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;

/**
 * A minimal streaming JSON writer. Output is safe inside an HTML {@code <script>} block: {@code <}, {@code >},
 * {@code &} and the JavaScript line separators are written as {@code \\u} escapes.
 */
public final class JsonWriter {
    /** The escape for each ASCII character that needs one, else null. */
    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = unicodeEscape((char) c);
        }
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['\t'] = "\\t";
        // Inside an HTML <script> block these could end it or start markup.
        ASCII_ESCAPES['<'] = unicodeEscape('<');
        ASCII_ESCAPES['>'] = unicodeEscape('>');
        ASCII_ESCAPES['&'] = unicodeEscape('&');
    }

    private final Writer out;
    private boolean needComma;

    public JsonWriter(Writer out) {
        this.out = out;
    }

    public JsonWriter beginObject() throws IOException {
        comma();
        out.write('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() throws IOException {
        out.write('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() throws IOException {
        comma();
        out.write('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() throws IOException {
        out.write(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) throws IOException {
        comma();
        string(name);
        out.write(':');
        needComma = false;
        return this;
    }

    public JsonWriter value(String value) throws IOException {
        comma();
        if (value == null) {
            out.write("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(long value) throws IOException {
        comma();
        out.write(Long.toString(value));
        needComma = true;
        return this;
    }

    public JsonWriter value(double value) throws IOException {
        comma();
        out.write(Double.isFinite(value) ? stripZero(value) : "null");
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean value) throws IOException {
        comma();
        out.write(value ? "true" : "false");
        needComma = true;
        return this;
    }

    public JsonWriter field(String name, String value) throws IOException {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) throws IOException {
        return name(name).value(value);
    }

    public JsonWriter strings(String name, Collection<String> values) throws IOException {
        name(name).beginArray();
        for (String v : values) {
            value(v);
        }
        return endArray();
    }

    /** Starts a new top-level value (e.g. the next NDJSON line) without a separating comma. */
    public JsonWriter reset() {
        needComma = false;
        return this;
    }

    private static String stripZero(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private void comma() throws IOException {
        if (needComma) {
            out.write(',');
        }
    }

    private static String unicodeEscape(char c) {
        String hex = Integer.toHexString(c);
        return "\\u" + "0000".substring(hex.length()) + hex;
    }

    private static String escapeFor(char c) {
        if (c < 128) {
            return ASCII_ESCAPES[c];
        }
        // JavaScript line terminators, which JSON allows raw but a script block does not.
        return c == '\u2028' || c == '\u2029' ? unicodeEscape(c) : null;
    }

    // Runs of characters that need no escape are written in one call: most strings are written whole.
    private void string(String s) throws IOException {
        out.write('"');
        int runStart = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            String esc = escapeFor(s.charAt(i));
            if (esc != null) {
                out.write(s, runStart, i - runStart);
                out.write(esc);
                runStart = i + 1;
            }
        }
        out.write(s, runStart, length - runStart);
        out.write('"');
    }
}
