package example.steps;

import dev.stepwise.api.ContinueOnFailure;
import dev.stepwise.api.SkipScenarioException;
import dev.stepwise.api.Step;
import dev.stepwise.api.Stepwise;
import dev.stepwise.api.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Steps the runner's tests execute. Each scenario gets a fresh instance (the default lifetime). */
public class GreetingSteps {

    private int calls;

    public enum Mood { HAPPY, GRUMPY }

    @Step({"Say <greeting> to <name>", "Greet <name> with <greeting>"})
    public void say(String greeting, String name) {
        Stepwise.message("said " + greeting + " to " + name);
    }

    @Step("Count <n> items costing <price> in <mood> mood")
    public void count(int n, java.math.BigDecimal price, Mood mood) {
        Stepwise.message(n + "x" + price + " " + mood);
    }

    @Step("Sum the table <table>")
    public void sum(Table table) {
        int total = table.columnValues("amount").stream().mapToInt(Integer::parseInt).sum();
        Stepwise.message("total " + total);
    }

    @Step("Fail with <message>")
    public void fail(String message) {
        throw new AssertionError(message);
    }

    @ContinueOnFailure(IllegalStateException.class)
    @Step("Fail recoverably with <message>")
    public void failRecoverably(String message) {
        throw new IllegalStateException(message);
    }

    @ContinueOnFailure(IllegalStateException.class)
    @Step("Fail unrecoverably despite continue-on-failure")
    public void failWithOtherType() {
        throw new UnsupportedOperationException("not listed");
    }

    @Step("Skip the scenario because <reason>")
    public void skip(String reason) {
        throw new SkipScenarioException(reason);
    }

    @Step("Remember <key> as <value> in the scenario store")
    public void remember(String key, String value) {
        Stepwise.scenarioStore().put(key, value);
    }

    @Step("Remember <key> as <value> in the suite store")
    public void rememberSuite(String key, String value) {
        Stepwise.suiteStore().put(key, value);
    }

    @Step("Report the scenario store value of <key>")
    public void report(String key) {
        Stepwise.message(key + "=" + Stepwise.scenarioStore().get(key));
    }

    @Step("Report the suite store value of <key>")
    public void reportSuite(String key) {
        Stepwise.message(key + "=" + Stepwise.suiteStore().get(key));
    }

    @Step("Report <key> from a thread the step starts")
    public void reportFromThread(String key) throws InterruptedException {
        Thread t = new Thread(() -> Stepwise.message("thread " + key + "=" + Stepwise.scenarioStore().get(key)));
        t.start();
        t.join();
    }

    @Step("Count calls on this instance")
    public void countCalls() {
        calls++;
        Stepwise.message("calls " + calls);
    }

    @Step("Attach a text file")
    public void attach() {
        Stepwise.attach("hello".getBytes(StandardCharsets.UTF_8), "text/plain", "note.txt");
    }

    @Step(value = "Sleep for <millis> ms", timeoutMillis = 300)
    public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /**
     * Holds this stream until the test creates {@code path}, after announcing itself with
     * {@code path.entered}. Files, because the test and this class live in different class loaders.
     */
    @Step("Wait for file <path>")
    public void waitForFile(String path) throws Exception {
        Files.createFile(Path.of(path + ".entered"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(Path.of(path))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never released: " + path);
            }
            Thread.sleep(5);
        }
    }

    @Step("Report the stream")
    public void reportStream() {
        Stepwise.message("stream " + Stepwise.currentContext().stream());
    }
}
