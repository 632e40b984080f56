package dev.stepwise.reports.internal;

import dev.stepwise.reporter.event.ExecutedItem;
import dev.stepwise.reporter.event.ExecutedStep;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.StepFinished;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the scenario in flight, per stream. Gauge sends the whole step tree with
 * {@link ScenarioFinished}; an orchestrator that sends the scenario result without steps still gets its
 * steps reported, from the {@link StepFinished} events of that attempt. Holds one scenario per stream.
 */
public final class StepTracker {
    private final Map<Integer, List<ExecutedItem>> inFlight = new HashMap<>();

    public void onScenarioStarting(ScenarioStarting e) {
        if (!e.hooksDone()) {
            inFlight.put(e.context().stream(), new ArrayList<>());
        }
    }

    public void onStepFinished(StepFinished e) {
        inFlight.computeIfAbsent(e.context().stream(), k -> new ArrayList<>()).add(new ExecutedStep(e.step(), e.result()));
    }

    /** The attempt's steps (contexts, steps and teardowns in order); forgets the stream's collected steps. */
    public List<ExecutedItem> finish(ScenarioFinished e) {
        List<ExecutedItem> collected = inFlight.remove(e.context().stream());
        if (e.hasSteps() || collected == null) {
            return e.result().allItems();
        }
        return collected;
    }
}
