package dev.stepwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses how long an instance of a step class lives, and so which steps share its fields.
 *
 * <p>Without this annotation a class is {@link Lifetime#SCENARIO}-scoped: every scenario gets a
 * fresh instance, so state cannot leak between scenarios. Instances are per execution stream;
 * even {@link Lifetime#SUITE} instances are never shared between parallel streams.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StepScope {

    /**
     * The lifetime of instances of the annotated class.
     *
     * @return the lifetime
     */
    Lifetime value();
}
