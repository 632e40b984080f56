package dev.stepwise.reporter.event;

/** One entry of a scenario's step tree: a step, or a concept with its own entries. */
public sealed interface ExecutedItem permits ExecutedStep, ExecutedConcept {
    StepInfo step();

    StepResult result();
}
