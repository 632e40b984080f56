package dev.stepwise.host.launch;

/** Receives the runner's log lines (other than the port line), already split into level and message. */
@FunctionalInterface
public interface RunnerOutput {

    /**
     * @param level      {@code debug|info|warning|error|fatal}; plain stdout lines are info, plain stderr lines error
     * @param message    the message
     * @param fromStderr whether it came from stderr
     */
    void line(String level, String message, boolean fromStderr);
}
