package dev.stepwise.runner.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one source file declares.
 *
 * @param file       the file
 * @param steps      its step methods in source order
 * @param problems   steps that could not be read (texts that are not readable constants)
 * @param parseError set when the file does not parse; the steps are then empty
 */
public record FileSteps(Path file, List<SourceStep> steps, List<String> problems, Optional<String> parseError) {

    public FileSteps {
        steps = List.copyOf(steps);
        problems = List.copyOf(problems);
    }

    static FileSteps unparsable(Path file, String error) {
        return new FileSteps(file, List.of(), List.of(), Optional.of(error));
    }
}
