package dev.stepwise.runner.validation;

import dev.stepwise.runner.registry.StepImplementation;
import dev.stepwise.runner.registry.StepRegistry;
import java.util.List;
import java.util.stream.Collectors;

/** Answers whether a step is implemented exactly once, and what to do when it is not. */
public final class StepValidator {

    /** The verdict on one step. */
    public enum Verdict { VALID, NOT_FOUND, DUPLICATE }

    /**
     * @param verdict    the verdict
     * @param message    for people: what is wrong and where
     * @param suggestion a compile-ready stub when not found; empty otherwise
     */
    public record Result(Verdict verdict, String message, String suggestion) {
    }

    private final StepRegistry registry;

    public StepValidator(StepRegistry registry) {
        this.registry = registry;
    }

    public Result validate(String key, List<String> parameterNames) {
        List<StepImplementation> found = registry.find(key);
        if (found.size() == 1) {
            return new Result(Verdict.VALID, "", "");
        }
        if (found.isEmpty()) {
            return new Result(Verdict.NOT_FOUND, "Step implementation not found for '" + key + "'",
                    StubSuggestion.forStep(key.trim(), parameterNames));
        }
        return new Result(Verdict.DUPLICATE, "Duplicate step implementation for '" + key + "' at "
                + found.stream().map(StepImplementation::location).collect(Collectors.joining(", ")), "");
    }
}
