package dev.stepwise.sample;

import dev.stepwise.api.Step;
import dev.stepwise.api.Stepwise;
import dev.stepwise.api.Table;

/** Steps about the shop: environment properties, messages, data stores and special parameters. */
public class ShopSteps {

    @Step("Greet the shopper")
    public void greet() {
        // env/default/default.properties reaches the runner as environment variables.
        String greeting = System.getenv("shop_greeting");
        Stepwise.scenarioStore().put("greeting", greeting);
        Stepwise.message("Greeting: " + greeting);
    }

    @Step("The greeting is <text>")
    public void greetingIs(String text) {
        Object actual = Stepwise.scenarioStore().get("greeting");
        if (!text.equals(actual)) {
            throw new AssertionError("expected greeting '" + text + "' but was '" + actual + "'");
        }
    }

    @Step("Remember <key> as <value> in the scenario store")
    public void remember(String key, String value) {
        Stepwise.scenarioStore().put(key, value);
    }

    @Step("The scenario store has <key> = <value>")
    public void storeHas(String key, String value) {
        Object actual = Stepwise.scenarioStore().get(key);
        if (!value.equals(actual)) {
            throw new AssertionError("scenario store " + key + " = " + actual + ", expected " + value);
        }
    }

    @Step("Count this scenario in the suite store")
    public void count() {
        Object n = Stepwise.suiteStore().get("counted");
        int next = n == null ? 1 : (Integer) n + 1;
        Stepwise.suiteStore().put("counted", next);
        Stepwise.message("scenarios counted in the suite store so far: " + next);
    }

    @Step("Price list <prices> has <count> items")
    public void priceList(Table prices, int count) {
        if (prices.rows().size() != count) {
            throw new AssertionError("expected " + count + " prices but the CSV has " + prices.rows().size());
        }
        Stepwise.message("cheapest: " + prices.rows().stream()
                .min((a, b) -> Integer.compare(Integer.parseInt(a.cell("price")), Integer.parseInt(b.cell("price"))))
                .map(r -> r.cell("item")).orElse("-"));
    }

    @Step("The greeting file says <text>")
    public void greetingFile(String text) {
        if (!text.strip().equals("Hello from a file parameter")) {
            throw new AssertionError("unexpected file contents: " + text);
        }
    }
}
