package dev.stepwise.runner.execution;

import dev.stepwise.api.spi.StreamBinding;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls user methods with the stream bound, and enforces timeouts. Without a timeout the call runs
 * on the stream's own thread (the fast path). With one, it runs on a helper thread that is
 * interrupted and abandoned when time is up, so a hung step fails instead of hanging the run.
 */
public final class Invoker implements AutoCloseable {

    /** A step that ran out of time. */
    public static final class StepTimeoutException extends Exception {
        StepTimeoutException(String message) {
            super(message);
        }
    }

    private final ExecutorService timed;

    public Invoker() {
        AtomicInteger count = new AtomicInteger();
        this.timed = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stepwise-timed-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Invokes {@code method} and returns what it threw (unwrapped), or {@code null} when it returned
     * normally.
     */
    public Throwable invoke(Method method, Object target, Object[] args, Duration timeout, StreamState stream,
                            String what) {
        if (timeout.isZero() || timeout.isNegative()) {
            try (StreamBinding.Binding ignored = StreamBinding.bind(stream)) {
                method.invoke(target, args);
                return null;
            } catch (InvocationTargetException e) {
                return e.getCause();
            } catch (Throwable t) {
                return t;
            }
        }
        Future<Throwable> call = timed.submit(() -> invoke(method, target, args, Duration.ZERO, stream, what));
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new StepTimeoutException(what + " timed out after " + timeout.toMillis()
                    + " ms and was interrupted. Raise @Step(timeoutMillis=...) or stepwise_step_timeout if it "
                    + "needs longer.");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return e;
        }
    }

    @Override
    public void close() {
        timed.shutdownNow();
    }
}
