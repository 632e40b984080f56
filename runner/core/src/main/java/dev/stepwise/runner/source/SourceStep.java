package dev.stepwise.runner.source;

import dev.stepwise.runner.registry.StepText;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code @Step} method as written in a source file.
 *
 * @param file       the source file
 * @param className  the binary name of its class ({@code Outer$Inner})
 * @param methodName the method's name
 * @param texts      its texts (aliases)
 * @param span       the method declaration, annotations included
 */
public record SourceStep(Path file, String className, String methodName, List<StepText> texts, SourceSpan span) {

    public SourceStep {
        texts = List.copyOf(texts);
    }

    public String location() {
        return file + ":" + span.startLine() + " (" + className + "." + methodName + ")";
    }
}
