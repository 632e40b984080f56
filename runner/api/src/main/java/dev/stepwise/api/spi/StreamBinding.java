package dev.stepwise.api.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Binds a {@link StreamScope} to the current thread, for the runner.
 *
 * <p>The binding is an {@link InheritableThreadLocal}: a thread that step code starts inherits
 * the binding of the thread that started it, so its messages and store accesses go to the right
 * stream. Threads created earlier (a pool created before the step) keep whatever binding they
 * had when they were created; such code should pass data explicitly. This thread-local is the
 * only static mutable state of the step API.
 *
 * <pre>{@code
 * try (var ignored = StreamBinding.bind(scope)) {
 *     invokeStep();
 * }
 * }</pre>
 */
public final class StreamBinding {

    private static final InheritableThreadLocal<StreamScope> CURRENT = new InheritableThreadLocal<>();

    private StreamBinding() {
    }

    /**
     * A binding that can be undone; closing it again has no effect.
     */
    public interface Binding extends AutoCloseable {
        /** Restores the binding that was current on this thread before {@code bind}. */
        @Override
        void close();
    }

    /**
     * Makes {@code scope} current on this thread (and threads it creates) until the returned
     * binding is closed.
     *
     * @param scope the stream's scope
     * @return a binding whose {@code close()} restores the previous binding, and never throws
     */
    public static Binding bind(StreamScope scope) {
        Objects.requireNonNull(scope, "scope");
        StreamScope previous = CURRENT.get();
        CURRENT.set(scope);
        return new Binding() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                if (previous == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(previous);
                }
            }
        };
    }

    /**
     * @return the scope bound to this thread, if any
     */
    public static Optional<StreamScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
