package dev.stepwise.host.parser;

import java.util.List;

/**
 * A leaf step ready to send to a runner.
 *
 * @param step       the leaf step (its {@code text} is Gauge's actualStepText, its {@code value} the parsedStepText)
 * @param parameters resolved parameters in order
 * @param concepts   the enclosing concept invocations, outermost first (empty for a plain step)
 */
public record ExecutableStep(Step step, List<Parameter> parameters, List<Step> concepts) {

    public ExecutableStep {
        parameters = List.copyOf(parameters);
        concepts = List.copyOf(concepts);
    }
}
