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
 * @param attempt         1 for the first attempt, 2 for the first retry, ...
 * @param finalAttempt    this attempt is the scenario's result (false: it failed and a retry follows)
 */
public record ScenarioResult(Path specFile, String specHeading, String heading, int line, String row, Status status,
                             List<Failure> failures, List<String> skipReasons, List<String> messages,
                             long durationMillis, int attempt, boolean finalAttempt) {
    public ScenarioResult {
        failures = List.copyOf(failures);
        skipReasons = List.copyOf(skipReasons);
        messages = List.copyOf(messages);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based: " + attempt);
        }
    }

    /** A scenario run without retries: its only attempt. */
    public ScenarioResult(Path specFile, String specHeading, String heading, int line, String row, Status status,
                          List<Failure> failures, List<String> skipReasons, List<String> messages,
                          long durationMillis) {
        this(specFile, specHeading, heading, line, row, status, failures, skipReasons, messages, durationMillis, 1,
                true);
    }

    /** The same result as attempt {@code n}, final or followed by a retry. */
    public ScenarioResult asAttempt(int n, boolean isFinal) {
        return new ScenarioResult(specFile, specHeading, heading, line, row, status, failures, skipReasons, messages,
                durationMillis, n, isFinal);
    }

    /** Passed on a retry after failing: reported as flaky, never hidden. */
    public boolean flaky() {
        return finalAttempt && status == Status.PASSED && attempt > 1;
    }
}
