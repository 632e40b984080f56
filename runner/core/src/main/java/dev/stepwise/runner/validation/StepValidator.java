package dev.stepwise.runner.validation;

import java.util.List;

/** Answers whether a step is implemented exactly once, and what to do when it is not. */
public final class StepValidator {

    private StepValidator() {
    }

    /** The verdict on one step. */
    public enum Verdict { VALID, NOT_FOUND, DUPLICATE }

    /**
     * @param verdict    the verdict
     * @param message    for people: what is wrong and where
     * @param suggestion a compile-ready stub when not found; empty otherwise
     */
    public record Result(Verdict verdict, String message, String suggestion) {
    }

    /**
     * @param key            the step's {@code {}} key
     * @param parameterNames names Gauge sent for its parameters, for the stub
     * @param implementations where the step is implemented (file:line and member), however many
     */
    public static Result validate(String key, List<String> parameterNames, List<String> implementations) {
        if (implementations.size() == 1) {
            return new Result(Verdict.VALID, "", "");
        }
        if (implementations.isEmpty()) {
            return new Result(Verdict.NOT_FOUND, "Step implementation not found for '" + key + "'",
                    StubSuggestion.forStep(key.trim(), parameterNames));
        }
        return new Result(Verdict.DUPLICATE, "Duplicate step implementation for '" + key + "' at "
                + String.join(", ", implementations), "");
    }
}
