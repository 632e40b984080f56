package dev.stepwise.runner.registry;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

/**
 * One {@code @Step} method.
 *
 * @param texts             its texts (aliases), parsed
 * @param method            the method, loaded by the project's class loader
 * @param recoverableOn     exception types whose failures are recoverable ({@code @ContinueOnFailure}); empty if none
 * @param timeout           its own timeout; zero to use the runner's default
 * @param sourceFile        the source file, or empty when unknown (a step from a jar)
 * @param line              the 1-based line of the method, or 0 when unknown
 */
public record StepImplementation(
        List<StepText> texts,
        Method method,
        List<Class<? extends Throwable>> recoverableOn,
        Duration timeout,
        String sourceFile,
        int line) {

    public StepImplementation {
        texts = List.copyOf(texts);
        recoverableOn = List.copyOf(recoverableOn);
    }

    /** Where it is, for people: {@code file:line (Class.method)}. */
    public String location() {
        String member = method.getDeclaringClass().getName() + "." + method.getName();
        if (sourceFile.isEmpty()) {
            return member;
        }
        return (line > 0 ? sourceFile + ":" + line : sourceFile) + " (" + member + ")";
    }

    public int parameterCount() {
        return method.getParameterCount();
    }
}
