package dev.stepwise.host.execution;

import dev.stepwise.host.parser.Parameter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of Gauge's ExecutionInfo at the moment of one request: what the host sends to the runner.
 *
 * @param projectName base name of the project root
 * @param streams     numberOfExecutionStreams (the CPU count, as Gauge sends it even in serial runs)
 * @param runnerId    the stream (0 when serial)
 * @param args        the run flags the user gave explicitly
 * @param spec        the current spec, or null for suite-level requests
 * @param scenario    the current scenario, or null
 * @param step        the current step, or null
 */
public record ExecutionState(String projectName, int streams, int runnerId, Map<String, List<String>> args,
                             SpecState spec, ScenarioState scenario, StepState step) {

    /** The current spec. */
    public record SpecState(String name, Path file, boolean failed, List<String> tags) {
    }

    /** The current scenario (tags are the scenario's own). */
    public record ScenarioState(String name, List<String> tags, boolean failed, int maxRetries, int currentRetry) {
    }

    /** The current step: the request that runs it and its failure, once known. */
    public record StepState(StepCall call, boolean failed, String errorMessage, String stackTrace) {
    }

    /**
     * The ExecuteStepRequest contents.
     *
     * @param actualText the step text as written ({@code actualStepText})
     * @param parsedText the {@code {}} value ({@code parsedStepText})
     * @param parameters resolved parameters
     */
    public record StepCall(String actualText, String parsedText, List<Parameter> parameters) {
        public StepCall {
            parameters = List.copyOf(parameters);
        }
    }
}
