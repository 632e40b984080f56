package dev.stepwise.reporter.event;

/** The outcome of a step, scenario, spec or suite. */
public enum Status {
    PASSED,
    FAILED,
    /** Did not run: skipped by the code, after an earlier failure, by a validation error or a filter. */
    SKIPPED
}
