package dev.stepwise.runner.execution;

import java.util.List;

/**
 * A request to run one step.
 *
 * @param key        the {@code {}} matching key
 * @param actualText the step as written in the spec
 * @param arguments  resolved arguments in order
 */
public record StepCall(String key, String actualText, List<Argument> arguments) {

    public StepCall {
        arguments = List.copyOf(arguments);
    }
}
