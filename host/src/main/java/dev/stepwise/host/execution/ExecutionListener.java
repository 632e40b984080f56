package dev.stepwise.host.execution;

import dev.stepwise.host.parser.Diagnostic;

import java.nio.file.Path;
import java.util.List;

/**
 * Receives a run as it happens. Every method has an empty default, so a listener overrides only what it needs.
 * Results arrive one scenario at a time; nothing here needs the whole suite in memory.
 */
public interface ExecutionListener {

    /** Parse errors and warnings of one file, before anything runs. */
    default void diagnostics(Path file, List<Diagnostic> diagnostics) {
    }

    /** Steps that failed validation; their scenarios will be skipped. */
    default void validationFailed(List<ValidationError> errors) {
    }

    default void specStarting(Path file, String heading) {
    }

    default void scenarioStarting(Path file, String heading, String row) {
    }

    default void scenarioFinished(ScenarioResult result) {
    }

    default void specFinished(SpecResult result) {
    }

    default void suiteFinished(SuiteResult result) {
    }

    /** {@code --restart-runner}: the {@code count}-th fresh runner replaced one that died of {@code cause}. */
    default void runnerRestarted(int count, String cause) {
    }
}
