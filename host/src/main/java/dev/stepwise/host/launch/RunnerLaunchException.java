package dev.stepwise.host.launch;

import java.util.List;
import java.util.OptionalInt;

/**
 * The runner could not be started or did not answer. The message names the stage, the command, the exit status
 * (when the process ended) and the last lines of its stderr.
 */
public class RunnerLaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final LaunchStage stage;

    public RunnerLaunchException(LaunchStage stage, List<String> command, String what, OptionalInt exitStatus,
                                 List<String> stderrTail, Throwable cause) {
        super(message(stage, command, what, exitStatus, stderrTail), cause);
        this.stage = stage;
    }

    public LaunchStage stage() {
        return stage;
    }

    private static String message(LaunchStage stage, List<String> command, String what, OptionalInt exit,
                                  List<String> tail) {
        StringBuilder sb = new StringBuilder("Could not ").append(stage.description()).append(" (stage ")
                .append(stage.name()).append("): ").append(what);
        sb.append("\n  command: ").append(String.join(" ", command));
        sb.append("\n  exit status: ").append(exit.isPresent() ? String.valueOf(exit.getAsInt()) : "still running");
        if (tail.isEmpty()) {
            sb.append("\n  stderr: (empty)");
        } else {
            sb.append("\n  last lines of stderr:");
            for (String l : tail) {
                sb.append("\n    ").append(l);
            }
        }
        return sb.toString();
    }
}
