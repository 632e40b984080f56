package dev.stepwise.reporter.event;

import java.util.Objects;

/** A leaf step with its result. */
public record ExecutedStep(StepInfo step, StepResult result) implements ExecutedItem {
    public ExecutedStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
    }
}
