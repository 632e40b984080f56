package dev.stepwise.host.events;

import java.util.List;

/**
 * A reporter that failed and was dropped: which one, on which event, what happened, and its last stderr lines.
 *
 * @param target     e.g. "plugin html-report 4.3.1"
 * @param event      the event it failed on ({@code ProtoEvents.describe}), or the phase ("start", "Kill")
 * @param what       what happened
 * @param stderrTail its last stderr lines (empty for in-process reporters)
 */
public record TargetFailure(String target, String event, String what, List<String> stderrTail) {
    public TargetFailure {
        stderrTail = List.copyOf(stderrTail);
    }

    /** A multi-line message for the console. */
    public String describe() {
        StringBuilder sb = new StringBuilder(target).append(" failed on ").append(event).append(": ").append(what);
        if (!stderrTail.isEmpty()) {
            sb.append("\n  last lines of its stderr:");
            for (String l : stderrTail) {
                sb.append("\n    ").append(l);
            }
        }
        return sb.toString();
    }
}
