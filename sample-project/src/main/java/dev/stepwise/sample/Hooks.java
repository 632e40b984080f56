package dev.stepwise.sample;

import dev.stepwise.api.AfterSuite;
import dev.stepwise.api.BeforeScenario;
import dev.stepwise.api.BeforeSuite;
import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.Stepwise;

/** Hooks: suite-wide setup, and a tagged before-scenario hook that only runs for data-driven scenarios. */
public class Hooks {

    @BeforeSuite
    public void openShop() {
        Stepwise.suiteStore().put("counted", 0);
    }

    @BeforeScenario(tags = "data-driven")
    public void announce(ExecutionContext context) {
        Stepwise.message("before scenario (tag data-driven): " + context.scenario().name());
    }

    @AfterSuite
    public void closeShop() {
        Stepwise.message("suite store counted " + Stepwise.suiteStore().get("counted") + " scenario(s)");
    }
}
