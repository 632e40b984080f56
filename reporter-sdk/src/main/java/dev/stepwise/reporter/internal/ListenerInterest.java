package dev.stepwise.reporter.internal;

import dev.stepwise.proto.reporting.EventKind;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.event.ConceptFinished;
import dev.stepwise.reporter.event.ConceptStarting;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The event kinds a listener wants: those whose {@link ReporterListener} method it overrides. The others would
 * only reach an empty default method, so the host need not send them. Events are mapped one by one, without
 * state carried from one to the next, which is what makes leaving some out safe.
 */
public final class ListenerInterest {
    private record Callback(String method, Class<?> eventType) {
    }

    private static final Map<EventKind, Callback> CALLBACKS = Map.ofEntries(
            Map.entry(EventKind.EXECUTION_STARTING, new Callback("onSuiteStarting", SuiteStarting.class)),
            Map.entry(EventKind.SPEC_STARTING, new Callback("onSpecStarting", SpecStarting.class)),
            Map.entry(EventKind.SCENARIO_STARTING, new Callback("onScenarioStarting", ScenarioStarting.class)),
            Map.entry(EventKind.CONCEPT_STARTING, new Callback("onConceptStarting", ConceptStarting.class)),
            Map.entry(EventKind.STEP_STARTING, new Callback("onStepStarting", StepStarting.class)),
            Map.entry(EventKind.STEP_ENDING, new Callback("onStepFinished", StepFinished.class)),
            Map.entry(EventKind.CONCEPT_ENDING, new Callback("onConceptFinished", ConceptFinished.class)),
            Map.entry(EventKind.SCENARIO_ENDING, new Callback("onScenarioFinished", ScenarioFinished.class)),
            Map.entry(EventKind.SPEC_ENDING, new Callback("onSpecFinished", SpecFinished.class)),
            Map.entry(EventKind.EXECUTION_ENDING, new Callback("onSuiteFinished", SuiteFinished.class)),
            Map.entry(EventKind.SUITE_RESULT, new Callback("onSuiteResult", SuiteResultReady.class)));

    private ListenerInterest() {
    }

    /** Every kind of event. */
    public static Set<EventKind> all() {
        return Set.copyOf(CALLBACKS.keySet());
    }

    /**
     * The kinds {@code listener}'s class overrides the callback of. A dynamic proxy (which may forward anything) and
     * a class whose methods cannot be inspected get every kind.
     */
    public static Set<EventKind> of(ReporterListener listener) {
        Class<?> type = listener.getClass();
        if (Proxy.isProxyClass(type)) {
            return all();
        }
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        try {
            for (Map.Entry<EventKind, Callback> e : CALLBACKS.entrySet()) {
                Method m = type.getMethod(e.getValue().method(), e.getValue().eventType());
                if (m.getDeclaringClass() != ReporterListener.class) {
                    kinds.add(e.getKey());
                }
            }
        } catch (NoSuchMethodException | SecurityException e) {
            return all();
        }
        return Set.copyOf(kinds);
    }
}
