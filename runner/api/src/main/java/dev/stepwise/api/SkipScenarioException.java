package dev.stepwise.api;

import java.util.Objects;

/**
 * Thrown from a step or a before-scenario hook to skip the rest of the current scenario.
 *
 * <p>The scenario is reported as skipped, not failed, and the reason is kept in the results so
 * a reader can tell why (gauge-java loses it). Throwing it elsewhere is reported as a failure.
 */
public class SkipScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the scenario is skipped; shown in reports
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public SkipScenarioException(String reason) {
        super(Objects.requireNonNull(reason, "reason"));
    }

    /**
     * @param reason why the scenario is skipped; shown in reports
     * @param cause what led to the skip, kept for diagnosis
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public SkipScenarioException(String reason, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason"), cause);
    }

    /**
     * The reason given when the scenario was skipped.
     *
     * @return the reason, same as {@link #getMessage()}
     */
    public String reason() {
        return getMessage();
    }
}
