package dev.stepwise.reporter.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a step (or of a concept, combining its steps).
 *
 * @param status            PASSED, FAILED, or SKIPPED when it did not run
 * @param duration          time spent, step hooks included
 * @param failure           the step's own failure
 * @param recoverable       the failure was a continue-on-failure one: later steps still ran
 * @param messages          messages the step code wrote
 * @param screenshotFiles   screenshots, relative to the screenshots folder (the failure screenshot first)
 * @param beforeHookFailure a failing before-step hook (the step then did not run)
 * @param afterHookFailure  a failing after-step hook
 * @param hookMessages      messages written by the step's before and after hooks
 * @param skipReason        why the step did not run, when the orchestrator said
 */
public record StepResult(Status status, Duration duration, Optional<Failure> failure, boolean recoverable,
                         List<String> messages, List<String> screenshotFiles,
                         Optional<Failure> beforeHookFailure, Optional<Failure> afterHookFailure,
                         List<String> hookMessages, Optional<String> skipReason) {
    /** A step without any result payload: it did not run. */
    public static final StepResult NOT_RUN = new StepResult(Status.SKIPPED, Duration.ZERO, Optional.empty(), false,
            List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());

    public StepResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        screenshotFiles = List.copyOf(Objects.requireNonNull(screenshotFiles, "screenshotFiles"));
        Objects.requireNonNull(beforeHookFailure, "beforeHookFailure");
        Objects.requireNonNull(afterHookFailure, "afterHookFailure");
        hookMessages = List.copyOf(Objects.requireNonNull(hookMessages, "hookMessages"));
        Objects.requireNonNull(skipReason, "skipReason");
    }
}
