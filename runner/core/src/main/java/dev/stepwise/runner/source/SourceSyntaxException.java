package dev.stepwise.runner.source;

import java.nio.file.Path;

/** A Java source file that does not parse. */
public final class SourceSyntaxException extends Exception {

    public SourceSyntaxException(Path file, String problems) {
        super(file + " has syntax errors: " + problems);
    }
}
