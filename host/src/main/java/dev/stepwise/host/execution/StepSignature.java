package dev.stepwise.host.execution;

import java.util.List;

/**
 * What ValidateStep is asked about: a distinct step value.
 *
 * @param value              the {@code {}} matching key
 * @param parameterizedValue the value with {@code <name>} placeholders
 * @param parameterNames     the placeholder names in order
 */
public record StepSignature(String value, String parameterizedValue, List<String> parameterNames) {
    public StepSignature {
        parameterNames = List.copyOf(parameterNames);
    }
}
