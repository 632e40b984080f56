package dev.stepwise.api.spi;

import dev.stepwise.api.Lifetime;

/**
 * Creates the instances of step classes, so dependency injection containers can take over.
 *
 * <p>Loaded by the runner with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.stepwise.api.spi.ObjectFactory}. At most one factory may be
 * present; with more, the runner refuses to start and names them. This is where Spring, Guice
 * or another container plugs in: {@link #getInstance(Class)} asks the container, and
 * {@link #start(Lifetime)}/{@link #stop(Lifetime)} let it open and close matching scopes.
 *
 * <p>Without a factory the runner uses its default: it creates each step class with its public
 * no-arg constructor and keeps the instance for the class's
 * {@link dev.stepwise.api.StepScope} lifetime (scenario by default), per execution stream.
 *
 * <p>A factory instance serves one execution stream; the runner never calls it from two streams
 * at once.
 */
public interface ObjectFactory {

    /**
     * Returns the instance to invoke steps and hooks of {@code type} on. The runner caches the
     * result for the class's lifetime, so a factory need not.
     *
     * @param type a class declaring steps or hooks
     * @param <T> the class
     * @return an instance of {@code type}
     * @throws Exception if no instance can be created; the runner fails the step or hook with it
     */
    <T> T getInstance(Class<T> type) throws Exception;

    /**
     * Called when a scope of the given lifetime begins (suite, spec, scenario attempt).
     *
     * @param lifetime the scope that begins
     */
    default void start(Lifetime lifetime) {
    }

    /**
     * Called when a scope of the given lifetime ends, after its after-hooks.
     *
     * @param lifetime the scope that ends
     */
    default void stop(Lifetime lifetime) {
    }
}
