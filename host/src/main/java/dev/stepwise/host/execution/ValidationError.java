package dev.stepwise.host.execution;

import java.nio.file.Path;

/**
 * A step the runner cannot run.
 *
 * @param file       where the step is first used
 * @param line       its line
 * @param stepText   the step as written
 * @param validation the runner's answer
 */
public record ValidationError(Path file, int line, String stepText, Validation validation) {
}
