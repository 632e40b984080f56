package dev.stepwise.host.execution;

import java.util.List;

/**
 * Totals of a run, built incrementally.
 *
 * @param specsExecuted     specs that ran (or were reported)
 * @param specsFailed       specs that failed
 * @param specsSkipped      specs with nothing run
 * @param scenariosPassed   passed scenario runs
 * @param scenariosFailed   failed scenario runs
 * @param scenariosSkipped  skipped scenario runs
 * @param parseErrors       parse errors in the selected specs and concepts
 * @param validationErrors  steps without (or with duplicate) implementations
 * @param failures          suite-level failures (suite hooks, data store, runner)
 * @param wallMillis        wall-clock time
 * @param exitCode          0 passed, 1 execution failed, 2 parse errors, 3 validation errors
 * @param scenariosFlaky    of the passed scenarios, those that passed only on a retry
 */
public record SuiteResult(int specsExecuted, int specsFailed, int specsSkipped, int scenariosPassed,
                          int scenariosFailed, int scenariosSkipped, int parseErrors, int validationErrors,
                          List<Failure> failures, long wallMillis, int exitCode, int scenariosFlaky) {
    public SuiteResult {
        failures = List.copyOf(failures);
    }

    /** A result without retries. */
    public SuiteResult(int specsExecuted, int specsFailed, int specsSkipped, int scenariosPassed,
                       int scenariosFailed, int scenariosSkipped, int parseErrors, int validationErrors,
                       List<Failure> failures, long wallMillis, int exitCode) {
        this(specsExecuted, specsFailed, specsSkipped, scenariosPassed, scenariosFailed, scenariosSkipped,
                parseErrors, validationErrors, failures, wallMillis, exitCode, 0);
    }
}
