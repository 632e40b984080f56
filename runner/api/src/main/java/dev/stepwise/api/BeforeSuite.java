package dev.stepwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method to run before the whole suite, once per run (not once per stream).
 *
 * <p>The method takes no parameter or one {@link ExecutionContext}. Hooks are never
 * recoverable: a failing hook fails the suite. The order of hooks and what a failing hook
 * stops are described in the {@linkplain dev.stepwise.api package documentation}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeforeSuite {

    /**
     * A {@linkplain dev.stepwise.api.tags.TagExpression tag expression} matched against the
     * union of the current spec's and scenario's tags ({@link ExecutionContext#allTags()}).
     *
     * @return the expression; empty means the hook always runs
     */
    String tags() default "";

    /**
     * Position among hooks of the same kind: lower runs first for before-hooks, last for
     * after-hooks.
     *
     * @return the order key
     */
    int order() default 0;
}
