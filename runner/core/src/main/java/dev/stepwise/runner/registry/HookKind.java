package dev.stepwise.runner.registry;

import dev.stepwise.api.AfterScenario;
import dev.stepwise.api.AfterSpec;
import dev.stepwise.api.AfterStep;
import dev.stepwise.api.AfterSuite;
import dev.stepwise.api.BeforeScenario;
import dev.stepwise.api.BeforeSpec;
import dev.stepwise.api.BeforeStep;
import dev.stepwise.api.BeforeSuite;
import dev.stepwise.api.index.StepIndex;
import java.lang.annotation.Annotation;

/** The eight hook points, with their annotation and their place in the step index. */
public enum HookKind {
    BEFORE_SUITE(BeforeSuite.class, StepIndex.Kind.BEFORE_SUITE, true),
    AFTER_SUITE(AfterSuite.class, StepIndex.Kind.AFTER_SUITE, false),
    BEFORE_SPEC(BeforeSpec.class, StepIndex.Kind.BEFORE_SPEC, true),
    AFTER_SPEC(AfterSpec.class, StepIndex.Kind.AFTER_SPEC, false),
    BEFORE_SCENARIO(BeforeScenario.class, StepIndex.Kind.BEFORE_SCENARIO, true),
    AFTER_SCENARIO(AfterScenario.class, StepIndex.Kind.AFTER_SCENARIO, false),
    BEFORE_STEP(BeforeStep.class, StepIndex.Kind.BEFORE_STEP, true),
    AFTER_STEP(AfterStep.class, StepIndex.Kind.AFTER_STEP, false);

    private final Class<? extends Annotation> annotation;
    private final StepIndex.Kind indexKind;
    private final boolean before;

    HookKind(Class<? extends Annotation> annotation, StepIndex.Kind indexKind, boolean before) {
        this.annotation = annotation;
        this.indexKind = indexKind;
        this.before = before;
    }

    public Class<? extends Annotation> annotation() {
        return annotation;
    }

    public boolean isBefore() {
        return before;
    }

    public static HookKind of(StepIndex.Kind kind) {
        for (HookKind k : values()) {
            if (k.indexKind == kind) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a hook: " + kind);
    }
}
