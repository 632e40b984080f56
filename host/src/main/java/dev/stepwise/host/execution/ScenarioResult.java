package dev.stepwise.host.execution;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of one scenario run (one row of a data-driven spec or scenario is one run).
 *
 * @param specFile        the spec file
 * @param specHeading     the spec heading
 * @param heading         the scenario heading
 * @param line            the scenario heading line
 * @param row             e.g. {@code "row 2"} for a data-driven run, else empty
 * @param status          passed, failed or skipped
 * @param failures        failures in order (a recoverable failure does not stop the scenario)
 * @param skipReasons     why it was skipped
 * @param messages        messages written by steps and hooks
 * @param durationMillis  runner-reported time of hooks and steps
 */
public record ScenarioResult(Path specFile, String specHeading, String heading, int line, String row, Status status,
                             List<Failure> failures, List<String> skipReasons, List<String> messages,
                             long durationMillis) {
    public ScenarioResult {
        failures = List.copyOf(failures);
        skipReasons = List.copyOf(skipReasons);
        messages = List.copyOf(messages);
    }
}
