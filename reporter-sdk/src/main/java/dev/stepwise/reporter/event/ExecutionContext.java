package dev.stepwise.reporter.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where an event comes from: the project, the execution stream and the run's flags.
 *
 * @param projectName       base name of the project folder (may be empty)
 * @param stream            the request's stream: 0 in a serial run, 1..n in parallel runs. Events of
 *                          different streams interleave; key per-stream state by this value
 * @param numberOfStreams   the run's stream count (also set in serial runs)
 * @param executionArgs     flags the user set explicitly, flag name to values, in order
 */
public record ExecutionContext(String projectName, int stream, int numberOfStreams,
                               Map<String, List<String>> executionArgs) {
    public static final ExecutionContext NONE = new ExecutionContext("", 0, 0, Map.of());

    public ExecutionContext {
        Objects.requireNonNull(projectName, "projectName");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(executionArgs, "executionArgs").forEach((k, v) -> copy.put(k, List.copyOf(v)));
        executionArgs = java.util.Collections.unmodifiableMap(copy);
    }
}
