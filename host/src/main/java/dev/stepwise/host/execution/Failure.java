package dev.stepwise.host.execution;

import java.nio.file.Path;

/**
 * One failure: a step, a hook, a data-store init or the runner itself.
 *
 * @param where      what failed ({@code step}, {@code before-scenario hook}, ...)
 * @param file       the spec (or concept) file
 * @param line       1-based line of the step in the spec, or of the scenario/spec heading for hooks
 * @param stepText   the step as written, empty for hooks
 * @param message    the error message
 * @param stackTrace the stack trace, possibly empty
 */
public record Failure(String where, Path file, int line, String stepText, String message, String stackTrace) {
}
