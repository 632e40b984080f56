package dev.stepwise.api;

import java.util.List;

/**
 * The scenario being executed, as seen by a step or hook.
 *
 * @param name the scenario heading; empty outside a scenario
 * @param tags the scenario's own tags (without the spec's; see {@link ExecutionContext#allTags()})
 * @param failing whether anything in this attempt of the scenario has failed so far
 * @param attempt which attempt this is, starting at 1; retries count up from there
 * @param maxRetries how many retries are allowed after the first attempt; 0 when retries are off
 */
public record ScenarioInfo(String name, List<String> tags, boolean failing, int attempt, int maxRetries) {

    private static final ScenarioInfo NONE = new ScenarioInfo("", List.of(), false, 1, 0);

    /**
     * Normalises {@code null} to empty values, copies the tags and checks the counters.
     *
     * @throws IllegalArgumentException if {@code attempt < 1} or {@code maxRetries < 0}
     */
    public ScenarioInfo {
        name = name == null ? "" : name;
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based but was " + attempt);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative but was " + maxRetries);
        }
    }

    /**
     * The value used when no scenario is executing (for example in spec hooks).
     *
     * @return an empty scenario, attempt 1
     */
    public static ScenarioInfo none() {
        return NONE;
    }

    /**
     * Whether this attempt is a retry of an earlier failed attempt.
     *
     * @return {@code attempt() > 1}
     */
    public boolean isRetry() {
        return attempt > 1;
    }
}
