package dev.stepwise.host.plugins;

import com.google.protobuf.Message;
import dev.stepwise.host.events.EventKind;
import dev.stepwise.host.events.EventTarget;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A plugin whose process is still starting when the run begins. Starting a plugin JVM and waiting for its port line
 * takes a good part of a second; the run need not wait for it, since the events queue up in the plugin's own
 * bounded queue meanwhile (and a plugin that is slow to start holds the run back only once that queue is full).
 * The first delivery waits for the start; a start that failed is reported against the phase {@code start}.
 */
public final class StartingPlugin implements EventTarget {
    private final String name;
    private final CompletableFuture<PluginTarget> started;

    /**
     * @param label   the plugin's "id version", for messages
     * @param started the start, running elsewhere; it completes exceptionally when the plugin cannot start
     */
    public StartingPlugin(String label, CompletableFuture<PluginTarget> started) {
        this.name = "plugin " + Objects.requireNonNull(label, "label");
        this.started = Objects.requireNonNull(started, "started");
    }

    @Override
    public String name() {
        return name;
    }

    private PluginTarget target() throws NotStarted {
        try {
            return started.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new NotStarted(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** Everything until the plugin has started (a failed start is reported at the next delivery); then its wishes. */
    @Override
    public boolean wants(EventKind kind) {
        if (!started.isDone() || started.isCompletedExceptionally()) {
            return true;
        }
        return started.join().wants(kind);
    }

    @Override
    public void deliver(Message event, Instant at) throws NotStarted {
        target().deliver(event, at);
    }

    @Override
    public void finish() throws NotStarted {
        target().finish();
    }

    /** Stops the plugin now, or as soon as its start completes. */
    @Override
    public void abort() {
        started.whenComplete((target, error) -> {
            if (target != null) {
                target.abort();
            }
        });
    }

    @Override
    public List<String> stderrTail() {
        if (!started.isDone() || started.isCompletedExceptionally()) {
            return List.of(); // a failed start's message already quotes what the plugin printed
        }
        return started.join().stderrTail();
    }
}
