package dev.stepwise.runner.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every step and hook of the project, built once at start-up and never changed, so any number of
 * streams can read it without locks.
 */
public final class StepRegistry {

    private final Map<String, List<StepImplementation>> stepsByKey;
    private final Map<HookKind, List<HookImplementation>> hooks;

    public StepRegistry(Collection<StepImplementation> steps, Collection<HookImplementation> hooks) {
        Map<String, List<StepImplementation>> byKey = new LinkedHashMap<>();
        for (StepImplementation step : steps) {
            Set<String> keys = new LinkedHashSet<>();
            for (StepText text : step.texts()) {
                keys.add(text.key());
            }
            for (String key : keys) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(step);
            }
        }
        Map<String, List<StepImplementation>> frozen = new LinkedHashMap<>();
        byKey.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.stepsByKey = Map.copyOf(frozen);

        Map<HookKind, List<HookImplementation>> byKind = new EnumMap<>(HookKind.class);
        for (HookKind kind : HookKind.values()) {
            List<HookImplementation> ofKind = new ArrayList<>(
                    hooks.stream().filter(h -> h.kind() == kind).toList());
            ofKind.sort(HookImplementation.BEFORE_ORDER);
            if (!kind.isBefore()) {
                java.util.Collections.reverse(ofKind);
            }
            byKind.put(kind, List.copyOf(ofKind));
        }
        this.hooks = byKind;
    }

    /** The implementations of the step with this {@code {}} key: none, one, or duplicates. */
    public List<StepImplementation> find(String key) {
        return stepsByKey.getOrDefault(key.trim(), List.of());
    }

    /** Hooks of one kind, in the order they run. */
    public List<HookImplementation> hooks(HookKind kind) {
        return hooks.get(kind);
    }

    /** Each step text once, in a stable order (for {@code GetStepNames}). */
    public List<String> stepTexts() {
        Set<String> texts = new LinkedHashSet<>();
        stepsByKey.values().forEach(list -> list.forEach(s -> s.texts().forEach(t -> texts.add(t.text()))));
        return List.copyOf(texts);
    }

    /** Keys implemented more than once, with every implementation. */
    public Map<String, List<StepImplementation>> duplicates() {
        Map<String, List<StepImplementation>> duplicates = new LinkedHashMap<>();
        stepsByKey.forEach((key, list) -> {
            if (list.size() > 1) {
                duplicates.put(key, list);
            }
        });
        return duplicates;
    }

    public int stepCount() {
        return (int) stepsByKey.values().stream().flatMap(List::stream).distinct().count();
    }
}
