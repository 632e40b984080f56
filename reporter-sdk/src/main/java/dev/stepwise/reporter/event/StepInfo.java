package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;

/**
 * A step (or the step that invokes a concept).
 *
 * @param actualText the line as written after {@code *}, with {@code <dynamic>} names unresolved
 * @param parsedText the matching key, each parameter as {@code {}}
 * @param parameters the resolved arguments in order, tables included
 */
public record StepInfo(String actualText, String parsedText, List<Parameter> parameters) {
    public static final StepInfo NONE = new StepInfo("", "", List.of());

    public StepInfo {
        Objects.requireNonNull(actualText, "actualText");
        Objects.requireNonNull(parsedText, "parsedText");
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters"));
    }
}
