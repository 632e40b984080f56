package dev.stepwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a scenario go on after this step fails, when the failure is of a listed type.
 *
 * <p>A failure is recoverable only if the thrown cause is assignable to one of {@link #value()};
 * the step is still reported as failed. Hooks are never recoverable, so this annotation has no
 * effect on a hook method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContinueOnFailure {

    /**
     * The failure types after which execution continues.
     *
     * @return the recoverable types; by default every failure is recoverable
     */
    Class<? extends Throwable>[] value() default {Throwable.class};
}
