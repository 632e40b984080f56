package dev.stepwise.reporter.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A spec's outcome and counts. Scenarios that ran are not repeated here: they arrive one by one as
 * {@link ScenarioFinished} events (use {@code rawRequest()} if you really want the whole tree). Scenarios that
 * never started are here, in {@link #unstartedScenarios()}: they get no scenario events at all.
 *
 * @param spec               heading, file and tags
 * @param status             FAILED if any scenario or spec hook failed, SKIPPED if it did not run
 * @param scenarioCount      scenarios counted by the orchestrator
 * @param failedDataTableRows 0-based indexes of failing data-table rows
 * @param unstartedScenarios scenarios skipped before they started (a validation error such as an unimplemented
 *                           step, a runner that died, a failed data store or before-spec hook, a data-table row
 *                           filter), each with status SKIPPED and its {@link ScenarioResult#skipReasons()}; their
 *                           steps, if the orchestrator sent them, have {@link StepResult#NOT_RUN}. Gauge and
 *                           Stepwise send no {@link ScenarioStarting}/{@link ScenarioFinished} for these, so a
 *                           reporter that lists scenarios must add them itself. Only set on {@link SpecFinished}
 *                           (empty elsewhere)
 */
public record SpecResult(SpecInfo spec, Status status, int scenarioCount, int scenarioFailedCount,
                         int scenarioSkippedCount, Duration duration, List<SpecError> errors,
                         List<Failure> beforeHookFailures, List<Failure> afterHookFailures,
                         List<String> hookMessages, List<Integer> failedDataTableRows,
                         List<ScenarioResult> unstartedScenarios) {
    /** A result without unstarted scenarios (the constructor of SDK versions before {@code unstartedScenarios}). */
    public SpecResult(SpecInfo spec, Status status, int scenarioCount, int scenarioFailedCount,
                      int scenarioSkippedCount, Duration duration, List<SpecError> errors,
                      List<Failure> beforeHookFailures, List<Failure> afterHookFailures,
                      List<String> hookMessages, List<Integer> failedDataTableRows) {
        this(spec, status, scenarioCount, scenarioFailedCount, scenarioSkippedCount, duration, errors,
                beforeHookFailures, afterHookFailures, hookMessages, failedDataTableRows, List.of());
    }

    public SpecResult {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
        beforeHookFailures = List.copyOf(Objects.requireNonNull(beforeHookFailures, "beforeHookFailures"));
        afterHookFailures = List.copyOf(Objects.requireNonNull(afterHookFailures, "afterHookFailures"));
        hookMessages = List.copyOf(Objects.requireNonNull(hookMessages, "hookMessages"));
        failedDataTableRows = List.copyOf(Objects.requireNonNull(failedDataTableRows, "failedDataTableRows"));
        unstartedScenarios = List.copyOf(Objects.requireNonNull(unstartedScenarios, "unstartedScenarios"));
    }

    public int scenarioPassedCount() {
        return Math.max(0, scenarioCount - scenarioFailedCount - scenarioSkippedCount);
    }
}
