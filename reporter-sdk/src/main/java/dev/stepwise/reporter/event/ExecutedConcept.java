package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;

/**
 * A concept invocation: the invoking step, the combined result and the expanded steps in order.
 */
public record ExecutedConcept(StepInfo step, StepResult result, List<ExecutedItem> children) implements ExecutedItem {
    public ExecutedConcept {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(result, "result");
        children = List.copyOf(Objects.requireNonNull(children, "children"));
    }
}
