package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;

/**
 * The scenario an event belongs to, and which attempt this is.
 *
 * @param name         the scenario heading
 * @param tags         the scenario's own tags (spec tags are on {@link SpecInfo})
 * @param currentRetry 0 for the first attempt, 1 for the first retry, ...
 * @param maxRetries   how many retries a failing attempt may get
 */
public record ScenarioInfo(String name, List<String> tags, int currentRetry, int maxRetries) {
    public static final ScenarioInfo NONE = new ScenarioInfo("", List.of(), 0, 0);

    public ScenarioInfo {
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** 1 for the first attempt. */
    public int attempt() {
        return currentRetry + 1;
    }

    public boolean isRetry() {
        return currentRetry > 0;
    }
}
