package dev.stepwise.host.execution;

/** The outcome of a scenario or spec. */
public enum Status { PASSED, FAILED, SKIPPED }
