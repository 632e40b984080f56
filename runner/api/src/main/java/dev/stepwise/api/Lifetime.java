package dev.stepwise.api;

/**
 * How long something created by the runner lives: a step class instance ({@link StepScope}) or
 * the objects an {@link dev.stepwise.api.spi.ObjectFactory} manages.
 */
public enum Lifetime {
    /** Created for one scenario attempt, discarded after it. The default. */
    SCENARIO,
    /** Created for one specification, discarded after it. */
    SPEC,
    /** Created once per execution stream and kept until the suite ends. */
    SUITE
}
