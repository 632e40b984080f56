package example.steps;

import dev.stepwise.api.Step;

/** Two implementations of one step, in a nested class too: both must be reported with locations. */
public class DuplicateSteps {

    @Step("Do the ambiguous thing")
    public void one() {
    }

    /** Nested classes are ordinary step classes, not duplicates of their outer class. */
    public static class Nested {
        @Step("Do the ambiguous thing")
        public void two() {
        }

        @Step("Do the nested thing")
        public void nested() {
        }
    }
}
