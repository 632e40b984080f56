package dev.stepwise.host.launch;

import java.util.List;
import java.util.OptionalInt;

/** What the RPC layer may ask about the runner process when a call fails. */
public interface ProcessProbe {

    /** The exit status if the process ended within {@code waitMillis}, else empty. */
    OptionalInt exitStatus(long waitMillis);

    /** The last lines the process wrote to stderr. */
    List<String> stderrTail();

    /** The command that started it. */
    List<String> command();

    /** "exit status N; last lines of stderr: ..." for a runner that died. */
    default String describeDeath() {
        OptionalInt exit = exitStatus(2000);
        StringBuilder sb = new StringBuilder("the runner process ");
        sb.append(exit.isPresent() ? describeExit(exit.getAsInt()) : "stopped answering");
        List<String> tail = stderrTail();
        if (!tail.isEmpty()) {
            sb.append("; last lines of stderr:");
            for (String l : tail) {
                sb.append("\n    ").append(l);
            }
        }
        return sb.toString();
    }

    /**
     * "exited with status N", naming the signal when a Unix status says the process was killed by one
     * ("exited with status 137 (killed by signal 9: SIGKILL)").
     */
    static String describeExit(int status) {
        StringBuilder sb = new StringBuilder("exited with status ").append(status);
        if (status > 128 && status < 160 && !isWindows()) {
            // A Unix process ended by a signal exits with 128 + its number.
            int signal = status - 128;
            sb.append(" (killed by signal ").append(signal)
                    .append(signal == 9 ? ": SIGKILL" : signal == 15 ? ": SIGTERM" : signal == 6 ? ": SIGABRT" : "")
                    .append(')');
        }
        return sb.toString();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /** A probe for a runner without a process (in-process tests). */
    static ProcessProbe none() {
        return new ProcessProbe() {
            @Override
            public OptionalInt exitStatus(long waitMillis) {
                return OptionalInt.empty();
            }

            @Override
            public List<String> stderrTail() {
                return List.of();
            }

            @Override
            public List<String> command() {
                return List.of("(in-process runner)");
            }
        };
    }
}
