package dev.stepwise.runner.registry;

import dev.stepwise.api.ContinueOnFailure;
import dev.stepwise.api.Step;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code @Step} method, known from the step index by name, and loaded only when it first runs:
 * a project of thousands of steps answers its first RPC without loading a single step class.
 */
public final class StepImplementation {

    /**
     * The loaded method and what its annotations say.
     *
     * @param method        the method, from the project's class loader
     * @param recoverableOn exception types whose failures are recoverable ({@code @ContinueOnFailure}); empty if none
     * @param timeout       its own timeout; zero to use the runner's default
     */
    public record Loaded(Method method, List<Class<? extends Throwable>> recoverableOn, Duration timeout) {
        public Loaded {
            recoverableOn = List.copyOf(recoverableOn);
        }
    }

    private final List<StepText> texts;
    private final String className;
    private final String methodName;
    private final List<String> parameterTypes;
    private final String sourceFile;
    private final int line;
    private final ClassLoader loader;
    private volatile Loaded loaded;

    /**
     * @param texts          its texts (aliases), parsed
     * @param className      binary name of the declaring class
     * @param methodName     the method's name
     * @param parameterTypes erased parameter type names, as {@link Class#getName()} spells them
     * @param sourceFile     the source file, or empty when unknown (a step from a jar)
     * @param line           the 1-based line of the method, or 0 when unknown
     * @param loader         the project's class loader
     */
    public StepImplementation(List<StepText> texts, String className, String methodName, List<String> parameterTypes,
                              String sourceFile, int line, ClassLoader loader) {
        this.texts = List.copyOf(texts);
        this.className = className;
        this.methodName = methodName;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.sourceFile = sourceFile;
        this.line = line;
        this.loader = loader;
    }

    public List<StepText> texts() {
        return texts;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String sourceFile() {
        return sourceFile;
    }

    public int line() {
        return line;
    }

    public int parameterCount() {
        return parameterTypes.size();
    }

    /** Where it is, for people: {@code file:line (Class.method)}. */
    public String location() {
        String member = className + "." + methodName;
        if (sourceFile.isEmpty()) {
            return member;
        }
        return (line > 0 ? sourceFile + ":" + line : sourceFile) + " (" + member + ")";
    }

    /** Loads the method on first use (once; later calls return the same value). */
    public Loaded load() throws ReflectiveOperationException {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                current = loaded;
                if (current == null) {
                    current = resolve();
                    loaded = current;
                }
            }
        }
        return current;
    }

    private Loaded resolve() throws ReflectiveOperationException {
        Method method = Members.find(className, methodName, parameterTypes, loader);
        if (Modifier.isStatic(method.getModifiers()) || Modifier.isAbstract(method.getModifiers())) {
            throw new NoSuchMethodException("Step " + location() + " must be a concrete instance method");
        }
        ContinueOnFailure recover = method.getAnnotation(ContinueOnFailure.class);
        Step step = method.getAnnotation(Step.class);
        long timeout = step == null ? 0 : Math.max(0, step.timeoutMillis());
        return new Loaded(method, recover == null ? List.of() : Arrays.asList(recover.value()),
                Duration.ofMillis(timeout));
    }
}
