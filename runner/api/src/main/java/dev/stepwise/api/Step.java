package dev.stepwise.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public instance method as the implementation of one or more spec steps.
 *
 * <p>Parameters are written {@code <name>} in the text, for example
 * {@code @Step("Add <count> items to <basket>")}; the method takes one parameter per
 * placeholder, in order. Several texts are aliases: each must have the same number of
 * placeholders. Tables and files passed to a step also occupy a placeholder.
 *
 * <p>The {@link dev.stepwise.api.processor.StepIndexProcessor} rejects at compile time an
 * empty text, a placeholder count that does not match the method, and a method that is not a
 * public instance method of a concrete, instantiable class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Step {

    /**
     * The step texts; more than one text declares aliases.
     *
     * @return the step texts, never empty
     */
    String[] value();

    /**
     * The time limit for one execution of this step, in milliseconds.
     *
     * @return the timeout; {@code 0} means the runner's global default timeout applies
     */
    long timeoutMillis() default 0;
}
