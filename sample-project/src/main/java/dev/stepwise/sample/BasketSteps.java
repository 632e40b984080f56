package dev.stepwise.sample;

import dev.stepwise.api.ContinueOnFailure;
import dev.stepwise.api.SkipScenarioException;
import dev.stepwise.api.Step;
import dev.stepwise.api.Stepwise;
import dev.stepwise.api.Table;
import dev.stepwise.api.TableRow;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Steps about a shopping basket. The basket lives in the scenario data store, so every scenario gets a new one. */
public class BasketSteps {

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> basket() {
        Object b = Stepwise.scenarioStore().get("basket");
        if (b == null) {
            throw new IllegalStateException("No basket: start the scenario with 'Open a new basket'");
        }
        return (Map<String, Integer>) b;
    }

    private static int total() {
        return basket().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Attachments go to the step's result: reports show text as a file and images inline. */
    @Step("Attach the receipt")
    public void attachReceipt() {
        StringBuilder receipt = new StringBuilder("Stepwise Grocer receipt\n");
        basket().forEach((item, count) -> receipt.append(count).append(" x ").append(item).append('\n'));
        receipt.append("total items: ").append(total()).append('\n');
        Stepwise.attach(receipt.toString().getBytes(StandardCharsets.UTF_8), "text/plain", "receipt.txt");
    }

    @Step("Open a new basket")
    public void openBasket() {
        Stepwise.scenarioStore().put("basket", new LinkedHashMap<String, Integer>());
    }

    @Step("Add <count> items of <item>")
    public void add(int count, String item) {
        basket().merge(item, count, Integer::sum);
    }

    @Step("Add <count> items of <item> for <customer>")
    public void addFor(int count, String item, String customer) {
        add(count, item);
        Stepwise.message("%s bought %d x %s", customer, count, item);
    }

    @Step("Add these items <table>")
    public void addAll(Table items) {
        for (TableRow row : items.rows()) {
            add(Integer.parseInt(row.cell("count")), row.cell("item"));
        }
    }

    @Step("The basket holds <count> items")
    public void holds(int count) {
        int actual = total();
        if (actual != count) {
            throw new AssertionError("expected " + count + " items in the basket but found " + actual + ": " + basket());
        }
    }

    @ContinueOnFailure
    @Step("Check softly that the basket holds <count> items")
    public void holdsSoftly(int count) {
        holds(count);
    }

    @Step("Skip this scenario because <reason>")
    public void skip(String reason) {
        throw new SkipScenarioException(reason);
    }

    @Step("Close the basket")
    public void close() {
        Stepwise.scenarioStore().remove("basket");
    }
}
