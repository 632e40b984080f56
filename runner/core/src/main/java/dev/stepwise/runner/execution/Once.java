package dev.stepwise.runner.execution;

import java.util.function.Supplier;

/** A supplier that computes its value at most once, on first use, from any thread. */
public final class Once<T> implements Supplier<T> {

    private Supplier<T> source;
    private volatile T value;

    public Once(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = source.get();
                    value = v;
                    source = null;
                }
            }
        }
        return v;
    }
}
