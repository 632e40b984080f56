package dev.stepwise.runner.registry;

import dev.stepwise.api.tags.TagExpression;
import java.lang.reflect.Method;
import java.util.Comparator;

/**
 * One hook method.
 *
 * @param kind         when it runs
 * @param method       the method (no parameters, or one {@code ExecutionContext})
 * @param tags         the filter over the union of spec and scenario tags
 * @param order        its explicit order; lower runs first among before-hooks
 * @param sourceFile   the source file, or empty
 * @param line         the 1-based line, or 0
 */
public record HookImplementation(HookKind kind, Method method, TagExpression tags, int order, String sourceFile, int line) {

    /**
     * The documented order of before-hooks: ascending {@code order}, untagged before tagged, then
     * class name, then method name. After-hooks run in exactly the reverse order.
     */
    public static final Comparator<HookImplementation> BEFORE_ORDER = Comparator
            .comparingInt(HookImplementation::order)
            .thenComparing(h -> !h.tags().isAlwaysTrue())
            .thenComparing(h -> h.method().getDeclaringClass().getName())
            .thenComparing(h -> h.method().getName());

    public boolean takesContext() {
        return method.getParameterCount() == 1;
    }

    public String location() {
        String member = method.getDeclaringClass().getName() + "." + method.getName();
        return sourceFile.isEmpty() ? member : sourceFile + ":" + line + " (" + member + ")";
    }
}
