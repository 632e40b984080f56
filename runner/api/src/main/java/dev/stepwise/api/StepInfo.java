package dev.stepwise.api;

import java.util.List;

/**
 * The step being executed, as seen by a step hook.
 *
 * @param text the step text with placeholders, as written in the spec
 * @param dynamicText the step text with the actual parameter values substituted
 * @param parameters the actual parameter values, in order, as text
 * @param failing whether the step failed (meaningful in after-step hooks)
 * @param errorMessage the failure message; empty when the step did not fail
 * @param stackTrace the failure stack trace; empty when the step did not fail
 */
public record StepInfo(String text, String dynamicText, List<String> parameters, boolean failing,
                       String errorMessage, String stackTrace) {

    private static final StepInfo NONE = new StepInfo("", "", List.of(), false, "", "");

    /** Normalises {@code null} to empty values and copies the parameters. */
    public StepInfo {
        text = text == null ? "" : text;
        dynamicText = dynamicText == null ? "" : dynamicText;
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        errorMessage = errorMessage == null ? "" : errorMessage;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    /**
     * The value used when no step is executing (for example in scenario hooks).
     *
     * @return an empty step
     */
    public static StepInfo none() {
        return NONE;
    }
}
