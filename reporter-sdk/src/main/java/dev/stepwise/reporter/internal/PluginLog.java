package dev.stepwise.reporter.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * Writes Gauge's structured log lines, {@code {"logLevel":"error","message":"..."}}, one per line, so the
 * orchestrator shows them with the right level. Thread-safe.
 */
public final class PluginLog {
    private final PrintStream out;

    public PluginLog(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public void info(String message) {
        write("info", message);
    }

    public void error(String message, Throwable cause) {
        if (cause == null) {
            write("error", message);
            return;
        }
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        write("error", message + ": " + cause + "\n" + trace);
    }

    private synchronized void write(String level, String message) {
        out.println("{\"logLevel\":\"" + level + "\",\"message\":\"" + escape(message) + "\"}");
        out.flush();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
