package dev.stepwise.reporter.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a scenario: its outcome and its step tree.
 *
 * @param name              the scenario heading
 * @param tags              the scenario's own tags
 * @param status            the outcome (while hooks are done but steps have not run: the outcome so far)
 * @param duration          time spent: hooks, contexts and steps
 * @param span              its lines in the spec file, when known
 * @param retriesCount      how many times it was retried before this result
 * @param dataRow           the data-table row, for a table-driven scenario
 * @param contexts          the spec's context steps as they ran for this scenario
 * @param steps             the scenario's own steps (concepts nested)
 * @param teardowns         the spec's teardown steps as they ran for this scenario
 * @param beforeHookFailure a failing before-scenario hook (steps did not run)
 * @param afterHookFailure  a failing after-scenario hook
 * @param hookMessages      messages written by the before and after scenario hooks
 * @param hookScreenshotFiles screenshots taken by those hooks
 * @param skipReasons       why it was skipped
 * @param id                the orchestrator's id for the scenario (may be empty)
 */
public record ScenarioResult(String name, List<String> tags, Status status, Duration duration,
                             Optional<LineSpan> span, int retriesCount, Optional<DataRow> dataRow,
                             List<ExecutedItem> contexts, List<ExecutedItem> steps, List<ExecutedItem> teardowns,
                             Optional<Failure> beforeHookFailure, Optional<Failure> afterHookFailure,
                             List<String> hookMessages, List<String> hookScreenshotFiles,
                             List<String> skipReasons, String id) {
    public ScenarioResult {
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(dataRow, "dataRow");
        contexts = List.copyOf(Objects.requireNonNull(contexts, "contexts"));
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        teardowns = List.copyOf(Objects.requireNonNull(teardowns, "teardowns"));
        Objects.requireNonNull(beforeHookFailure, "beforeHookFailure");
        Objects.requireNonNull(afterHookFailure, "afterHookFailure");
        hookMessages = List.copyOf(Objects.requireNonNull(hookMessages, "hookMessages"));
        hookScreenshotFiles = List.copyOf(Objects.requireNonNull(hookScreenshotFiles, "hookScreenshotFiles"));
        skipReasons = List.copyOf(Objects.requireNonNull(skipReasons, "skipReasons"));
        Objects.requireNonNull(id, "id");
    }

    /** Contexts, steps and teardowns in execution order. */
    public List<ExecutedItem> allItems() {
        return java.util.stream.Stream.of(contexts, steps, teardowns).flatMap(List::stream).toList();
    }

    /** The first failure in this attempt: a hook's, or the first failing step's (searched through concepts). */
    public Optional<Failure> firstFailure() {
        if (beforeHookFailure.isPresent()) {
            return beforeHookFailure;
        }
        for (ExecutedItem item : allItems()) {
            Optional<Failure> f = firstFailure(item);
            if (f.isPresent()) {
                return f;
            }
        }
        return afterHookFailure;
    }

    private static Optional<Failure> firstFailure(ExecutedItem item) {
        StepResult r = item.result();
        if (r.beforeHookFailure().isPresent()) {
            return r.beforeHookFailure();
        }
        if (item instanceof ExecutedConcept concept) {
            for (ExecutedItem child : concept.children()) {
                Optional<Failure> f = firstFailure(child);
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return r.failure().isPresent() ? r.failure() : r.afterHookFailure();
    }
}
