package dev.stepwise.reporter.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A spec's outcome and counts. Scenarios are not repeated here: they arrive one by one as
 * {@link ScenarioFinished} events (use {@code rawRequest()} if you really want the whole tree).
 *
 * @param spec               heading, file and tags
 * @param status             FAILED if any scenario or spec hook failed, SKIPPED if it did not run
 * @param scenarioCount      scenarios counted by the orchestrator
 * @param failedDataTableRows 0-based indexes of failing data-table rows
 */
public record SpecResult(SpecInfo spec, Status status, int scenarioCount, int scenarioFailedCount,
                         int scenarioSkippedCount, Duration duration, List<SpecError> errors,
                         List<Failure> beforeHookFailures, List<Failure> afterHookFailures,
                         List<String> hookMessages, List<Integer> failedDataTableRows) {
    public SpecResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        beforeHookFailures = List.copyOf(Objects.requireNonNull(beforeHookFailures, "beforeHookFailures"));
        afterHookFailures = List.copyOf(Objects.requireNonNull(afterHookFailures, "afterHookFailures"));
        hookMessages = List.copyOf(Objects.requireNonNull(hookMessages, "hookMessages"));
        failedDataTableRows = List.copyOf(Objects.requireNonNull(failedDataTableRows, "failedDataTableRows"));
    }

    public int scenarioPassedCount() {
        return Math.max(0, scenarioCount - scenarioFailedCount - scenarioSkippedCount);
    }
}
