package example.steps;

import dev.stepwise.api.AfterScenario;
import dev.stepwise.api.BeforeScenario;
import dev.stepwise.api.BeforeSuite;
import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.SkipScenarioException;
import dev.stepwise.api.Stepwise;

/** Hooks whose order, tag filters and failures the runner's tests check. */
public class Hooks {

    @BeforeSuite
    public void suite() {
        Stepwise.message("before suite");
    }

    @BeforeScenario(order = 2)
    public void second(ExecutionContext context) {
        Stepwise.message("before scenario 2 " + context.scenario().name());
    }

    @BeforeScenario(order = 1)
    public void first() {
        Stepwise.message("before scenario 1");
    }

    @BeforeScenario(tags = "smoke & !slow", order = 1)
    public void smokeOnly() {
        Stepwise.message("before smoke");
    }

    @BeforeScenario(tags = "broken")
    public void broken() {
        throw new IllegalStateException("hook broke");
    }

    @BeforeScenario(tags = "skipme")
    public void skipper() {
        throw new SkipScenarioException("not on this platform");
    }

    @AfterScenario(order = 1)
    public void afterFirst() {
        Stepwise.message("after scenario 1");
    }

    @AfterScenario(order = 2)
    public void afterSecond() {
        Stepwise.message("after scenario 2");
    }
}
