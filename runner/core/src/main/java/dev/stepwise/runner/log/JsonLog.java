package dev.stepwise.runner.log;

import java.io.PrintStream;

/**
 * The runner's log: one JSON object per line, {@code {"logLevel":"info","message":"..."}}, the
 * format Gauge parses from a runner's output. Levels are Gauge's: debug, info, warning, error,
 * fatal.
 */
public final class JsonLog {

    /** Gauge's log levels, in increasing severity. */
    public enum Level {
        DEBUG("debug"), INFO("info"), WARNING("warning"), ERROR("error"), FATAL("fatal");

        private final String wireName;

        Level(String wireName) {
            this.wireName = wireName;
        }
    }

    private final PrintStream out;
    private final Level threshold;

    public JsonLog(PrintStream out, Level threshold) {
        this.out = out;
        this.threshold = threshold;
    }

    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void warning(String message) {
        log(Level.WARNING, message);
    }

    public void error(String message) {
        log(Level.ERROR, message);
    }

    public void error(String message, Throwable cause) {
        log(Level.ERROR, message + ": " + describe(cause));
    }

    public void log(Level level, String message) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        String line = "{\"logLevel\":\"" + level.wireName + "\",\"message\":" + quote(message) + "}";
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
    }

    /** A JSON string literal for {@code s}. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
