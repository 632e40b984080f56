package dev.stepwise.reporter.event;

import java.util.Objects;
import java.util.Optional;

/**
 * What went wrong in a step or a hook.
 *
 * @param message        the error message (may be empty, never null)
 * @param stackTrace     the stack trace as text (may be empty)
 * @param screenshotFile the failure screenshot, relative to the screenshots folder, when one was taken
 */
public record Failure(String message, String stackTrace, Optional<String> screenshotFile) {
    public Failure {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stackTrace, "stackTrace");
        Objects.requireNonNull(screenshotFile, "screenshotFile");
    }

    public static Failure of(String message, String stackTrace) {
        return new Failure(message, stackTrace, Optional.empty());
    }
}
