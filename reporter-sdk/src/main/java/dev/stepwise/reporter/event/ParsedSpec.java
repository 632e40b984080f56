package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;

/**
 * A spec file as parsed, for documentation plugins.
 *
 * @param spec        heading, file and tags (empty heading when the file did not parse)
 * @param contexts    the context steps run before every scenario
 * @param scenarios   the scenarios in file order
 * @param parseErrors what could not be parsed
 * @param rawSpec     the parsed {@code ProtoSpec} (default instance when the file did not parse)
 */
public record ParsedSpec(SpecInfo spec, List<StepInfo> contexts, List<ParsedScenario> scenarios,
                         List<SpecError> parseErrors, dev.stepwise.proto.ProtoSpec rawSpec) {
    public ParsedSpec {
        Objects.requireNonNull(spec, "spec");
        contexts = List.copyOf(Objects.requireNonNull(contexts, "contexts"));
        scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
        parseErrors = List.copyOf(Objects.requireNonNull(parseErrors, "parseErrors"));
        Objects.requireNonNull(rawSpec, "rawSpec");
    }
}
