package dev.stepwise.runner.execution;

import dev.stepwise.api.ConcurrentDataStore;
import dev.stepwise.api.DataStore;
import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.SkipScenarioException;
import dev.stepwise.api.spi.ObjectFactory;
import dev.stepwise.api.spi.ScreenshotProvider;
import dev.stepwise.runner.registry.HookImplementation;
import dev.stepwise.runner.registry.HookKind;
import dev.stepwise.runner.registry.StepImplementation;
import dev.stepwise.runner.registry.StepRegistry;
import dev.stepwise.runner.registry.StepText;
import dev.stepwise.runner.validation.StubSuggestion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs steps and hooks for any number of execution streams. Each stream has its own state; the
 * registry is shared and immutable. A failure in user code, however it happens, becomes a failed
 * {@link Outcome}: nothing thrown by a step or hook escapes.
 */
public final class ExecutionEngine implements AutoCloseable {

    /** How the engine behaves, from the runner's configuration. */
    public record Settings(Duration defaultStepTimeout, boolean screenshotOnFailure, Path screenshotsDir) {
    }

    private final StepRegistry registry;
    private final Settings settings;
    private final ObjectFactory objectFactory;
    private final Optional<ScreenshotProvider> screenshots;
    private final ParameterBinder binder;
    private final Invoker invoker = new Invoker();
    private final DataStore suiteStore = new ConcurrentDataStore();
    private final Map<Class<?>, Object> suiteInstances = new ConcurrentHashMap<>();
    private final Map<Integer, StreamState> streams = new ConcurrentHashMap<>();

    public ExecutionEngine(StepRegistry registry, Settings settings, ObjectFactory objectFactory,
                           Optional<ScreenshotProvider> screenshots, ParameterBinder binder) {
        this.registry = registry;
        this.settings = settings;
        this.objectFactory = objectFactory;
        this.screenshots = screenshots;
        this.binder = binder;
    }

    public StepRegistry registry() {
        return registry;
    }

    /** The state of a stream, created on first use. */
    public StreamState stream(int stream) {
        return streams.computeIfAbsent(stream, id -> new StreamState(id, suiteStore,
                new InstanceProvider(objectFactory, suiteInstances), settings.screenshotsDir(), screenshots));
    }

    public Outcome initializeSuiteStore(int stream) {
        return timed(stream, state -> {
            suiteStore.clear();
            state.instances().startSuite();
        });
    }

    public Outcome initializeSpecStore(int stream) {
        return timed(stream, state -> {
            state.specStore().clear();
            state.instances().startSpec();
        });
    }

    public Outcome initializeScenarioStore(int stream) {
        return timed(stream, state -> {
            state.scenarioStore().clear();
            state.instances().startScenario();
        });
    }

    /** Records where execution is, without running anything (concept notifications). */
    public Outcome moveTo(int stream, Supplier<ExecutionContext> context) {
        return timed(stream, state -> state.setContext(context));
    }

    private interface StateAction {
        void apply(StreamState state) throws Exception;
    }

    private Outcome timed(int stream, StateAction action) {
        long start = System.nanoTime();
        StreamState state = stream(stream);
        try {
            action.apply(state);
        } catch (Exception e) {
            return failure(state, e, false, millisSince(start));
        }
        return Outcome.passed(state.drainCaptured(), millisSince(start));
    }

    /**
     * Runs the hooks of one kind whose tag filter matches, in their documented order. The first
     * failing before-hook stops the rest of its group; after-hooks all run, and the first failure is
     * reported (later ones are added as messages). Hooks are never recoverable.
     */
    public Outcome runHooks(HookKind kind, int stream, Supplier<ExecutionContext> where) {
        long start = System.nanoTime();
        StreamState state = stream(stream);
        state.setContext(where);
        List<HookImplementation> hooks = registry.hooks(kind);
        if (hooks.isEmpty()) {
            return Outcome.passed(state.drainCaptured(), millisSince(start));
        }
        ExecutionContext context = state.context();
        Throwable first = null;
        HookImplementation firstHook = null;
        List<String> laterFailures = new ArrayList<>();
        for (HookImplementation hook : hooks) {
            if (!hook.tags().matches(context.allTags())) {
                continue;
            }
            Throwable thrown;
            try {
                Object target = state.instances().instanceOf(hook.method().getDeclaringClass());
                Object[] args = hook.takesContext() ? new Object[] {context} : new Object[0];
                thrown = invoker.invoke(hook.method(), target, args, Duration.ZERO, state, "Hook " + hook.location());
            } catch (Exception e) {
                thrown = new IllegalStateException("Cannot create " + hook.method().getDeclaringClass().getName()
                        + " for hook " + hook.location() + ": " + e.getMessage(), e);
            }
            if (thrown == null) {
                continue;
            }
            if (first == null) {
                first = thrown;
                firstHook = hook;
                if (kind.isBefore()) {
                    break;
                }
            } else {
                laterFailures.add("Also failed: " + hook.location() + ": " + thrown);
            }
        }
        if (first == null) {
            return Outcome.passed(state.drainCaptured(), millisSince(start));
        }
        laterFailures.forEach(state::message);
        if (first instanceof SkipScenarioException skip && kind == HookKind.BEFORE_SCENARIO) {
            return skipped(state, skip, millisSince(start));
        }
        Outcome failed = failure(state, first, false, millisSince(start));
        return withMessagePrefix(failed, hookName(kind) + " hook " + firstHook.location() + " failed: ");
    }

    private static String hookName(HookKind kind) {
        String[] words = kind.name().toLowerCase(java.util.Locale.ROOT).split("_");
        return Character.toUpperCase(words[0].charAt(0)) + words[0].substring(1) + "-" + words[1];
    }

    /** Runs one step. An unknown or ambiguous step is a failed result, never an error. */
    public Outcome executeStep(int stream, StepCall call) {
        long start = System.nanoTime();
        StreamState state = stream(stream);
        List<StepImplementation> found = registry.find(call.key());
        if (found.isEmpty()) {
            return failedWith(state, "Step implementation not found: '" + call.actualText() + "'. Add it:\n"
                    + StubSuggestion.forStep(call.key(), List.of()), millisSince(start));
        }
        if (found.size() > 1) {
            return failedWith(state, "Duplicate step implementation for '" + call.actualText() + "': "
                    + found.stream().map(StepImplementation::location).collect(Collectors.joining(", "))
                    + ". Keep one.", millisSince(start));
        }
        StepImplementation step = found.get(0);
        StepText matched = step.texts().stream().filter(t -> t.key().equals(call.key().trim())).findFirst()
                .orElse(step.texts().get(0));
        StepImplementation.Loaded loaded;
        try {
            loaded = step.load();
        } catch (ReflectiveOperationException | LinkageError e) {
            return failedWith(state, "Cannot load " + step.location() + ": " + e
                    + ". Rebuild the project so its classes and step index agree.", millisSince(start));
        }
        Object[] args;
        Object target;
        try {
            args = binder.bind(step, loaded.method(), matched, call);
            target = state.instances().instanceOf(loaded.method().getDeclaringClass());
        } catch (ParameterBinder.BindingException e) {
            return failedWith(state, e.getMessage(), millisSince(start));
        } catch (Exception e) {
            return failure(state, new IllegalStateException("Cannot create " + step.className()
                    + " for step '" + call.actualText() + "': " + e.getMessage(), e), false, millisSince(start));
        }
        Duration timeout = loaded.timeout().isZero() ? settings.defaultStepTimeout() : loaded.timeout();
        Throwable thrown = invoker.invoke(loaded.method(), target, args, timeout, state,
                "Step '" + call.actualText() + "'");
        if (thrown == null) {
            return Outcome.passed(state.drainCaptured(), millisSince(start));
        }
        if (thrown instanceof SkipScenarioException skip) {
            return skipped(state, skip, millisSince(start));
        }
        boolean recoverable = loaded.recoverableOn().stream().anyMatch(type -> type.isInstance(thrown));
        return failure(state, thrown, recoverable, millisSince(start));
    }

    private Outcome skipped(StreamState state, SkipScenarioException skip, long millis) {
        Outcome.Captured captured = state.drainCaptured();
        String reason = skip.reason();
        return new Outcome(false, false, true, reason, "", captured.messages(), captured.files(), "", millis);
    }

    private Outcome failedWith(StreamState state, String message, long millis) {
        Outcome.Captured captured = state.drainCaptured();
        return new Outcome(true, false, false, message, "", captured.messages(), captured.files(), "", millis);
    }

    private Outcome failure(StreamState state, Throwable thrown, boolean recoverable, long millis) {
        String failureShot = settings.screenshotOnFailure() ? state.captureScreenshotFile().orElse("") : "";
        Outcome.Captured captured = state.drainCaptured();
        String message = thrown instanceof AssertionError || thrown instanceof Invoker.StepTimeoutException
                ? String.valueOf(thrown.getMessage())
                : thrown.toString();
        return new Outcome(true, recoverable, false, message, StackTraces.ofUserCode(thrown),
                captured.messages(), captured.files(), failureShot, millis);
    }

    private static Outcome withMessagePrefix(Outcome o, String prefix) {
        return new Outcome(o.failed(), o.recoverable(), o.skipScenario(), prefix + o.errorMessage(), o.stackTrace(),
                o.messages(), o.screenshotFiles(), o.failureScreenshotFile(), o.executionTimeMillis());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        invoker.close();
    }
}
