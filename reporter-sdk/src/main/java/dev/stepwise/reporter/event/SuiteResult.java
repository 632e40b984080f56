package dev.stepwise.reporter.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The run as a whole.
 *
 * @param projectName  base name of the project folder
 * @param environment  the environments selected (comma-joined), e.g. {@code default}
 * @param tags         the tag expression the run was filtered with (may be empty)
 * @param status       FAILED if any spec or suite hook failed
 * @param successRate  percentage of specs that passed, 0..100
 * @param duration     wall-clock time of the run
 * @param timestamp    the start time as the orchestrator wrote it (ISO-8601 when available)
 * @param specs        per-spec summaries, without scenarios; empty on the "starting" notifications
 */
public record SuiteResult(String projectName, String environment, String tags, Status status,
                          int specsCount, int specsFailedCount, int specsSkippedCount,
                          int scenariosCount, int scenariosFailedCount, int scenariosSkippedCount,
                          double successRate, Duration duration, Optional<String> timestamp,
                          Optional<Failure> beforeHookFailure, Optional<Failure> afterHookFailure,
                          List<String> hookMessages, List<SpecResult> specs) {
    public SuiteResult {
        Objects.requireNonNull(projectName, "projectName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(beforeHookFailure, "beforeHookFailure");
        Objects.requireNonNull(afterHookFailure, "afterHookFailure");
        hookMessages = List.copyOf(Objects.requireNonNull(hookMessages, "hookMessages"));
        specs = List.copyOf(Objects.requireNonNull(specs, "specs"));
    }

    public int scenariosPassedCount() {
        return Math.max(0, scenariosCount - scenariosFailedCount - scenariosSkippedCount);
    }
}
