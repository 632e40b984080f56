package dev.stepwise.runner.execution;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Renders stack traces as text, the form the protocol carries them in. */
public final class StackTraces {

    private static final String[] INTERNAL_FRAMES = {
            "dev.stepwise.runner.execution.", "dev.stepwise.runner.server.", "jdk.internal.reflect.", "java.base/jdk.internal.reflect.",
            "java.lang.reflect.Method.invoke", "java.base/java.lang.reflect.Method.invoke",
            "java.util.concurrent.", "java.base/java.util.concurrent.", "java.lang.Thread.run",
            "java.base/java.lang.Thread.run"};

    private StackTraces() {
    }

    public static String of(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /**
     * The stack trace of a failure in user code, without the runner's own frames and the reflection
     * frames that called into user code: what a step author needs to see.
     */
    public static String ofUserCode(Throwable t) {
        StringBuilder trimmed = new StringBuilder();
        for (String line : of(t).split("\\R")) {
            String frame = line.strip();
            if (frame.startsWith("at ") && isInternal(frame.substring(3))) {
                continue;
            }
            trimmed.append(line).append('\n');
        }
        return trimmed.toString();
    }

    private static boolean isInternal(String frame) {
        for (String prefix : INTERNAL_FRAMES) {
            if (frame.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
