package dev.stepwise.reports.internal;

import dev.stepwise.reporter.event.ExecutedConcept;
import dev.stepwise.reporter.event.ExecutedItem;
import dev.stepwise.reporter.event.Failure;
import dev.stepwise.reporter.event.Parameter;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioInfo;
import dev.stepwise.reporter.event.ScenarioResult;
import dev.stepwise.reporter.event.SpecError;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecInfo;
import dev.stepwise.reporter.event.SpecResult;
import dev.stepwise.reporter.event.Status;
import dev.stepwise.reporter.event.StepResult;
import dev.stepwise.reporter.event.SuiteResult;
import dev.stepwise.reporter.event.Table;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes results as JSON objects, in the shape documented in {@code docs/report-json-schema.md}. Shared by the
 * JSON report (one object per line) and the HTML report (the same objects, embedded).
 */
public final class ResultJson {
    /** Turns a screenshot file name into what the report embeds: the path, or a data URI. */
    private final Function<String, String> attachment;

    public ResultJson(Function<String, String> attachment) {
        this.attachment = attachment;
    }

    public static String status(dev.stepwise.reporter.event.Status s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    public void scenario(JsonWriter w, ScenarioFinished e, List<ExecutedItem> items, int specId) throws IOException {
        scenario(w, e.spec(), e.scenario(), e.context().stream(), e.result(), items, specId, false);
    }

    /**
     * A scenario that was skipped before it started ({@link SpecResult#unstartedScenarios()}): the same object as
     * an attempt, with {@code "unstarted": true}.
     */
    public void unstartedScenario(JsonWriter w, SpecFinished e, ScenarioResult r, int specId) throws IOException {
        scenario(w, e.spec(), new ScenarioInfo(r.name(), r.tags(), 0, 0), e.context().stream(), r, r.allItems(),
                specId, true);
    }

    private void scenario(JsonWriter w, SpecInfo spec, ScenarioInfo scenario, int stream, ScenarioResult r,
                          List<ExecutedItem> items, int specId, boolean unstarted) throws IOException {
        w.beginObject().field("type", "scenario");
        if (specId >= 0) {
            w.field("specId", specId);
        }
        w.field("spec", spec.name()).field("specFile", spec.fileName())
                .field("name", r.name().isEmpty() ? scenario.name() : r.name())
                .field("status", status(r.status())).field("durationMs", r.duration().toMillis())
                .strings("tags", r.tags().isEmpty() ? scenario.tags() : r.tags())
                .strings("specTags", spec.tags())
                .field("attempt", scenario.attempt()).field("maxRetries", scenario.maxRetries())
                .field("stream", stream);
        if (unstarted) {
            w.name("unstarted").value(true);
        }
        if (r.span().isPresent()) {
            w.field("line", r.span().get().start());
        }
        if (r.dataRow().isPresent()) {
            var row = r.dataRow().get();
            w.name("dataRow").beginObject().field("specTableRow", row.specTableRowIndex())
                    .field("scenarioTableRow", row.scenarioTableRowIndex());
            table(w, "row", row.scenarioRow());
            w.endObject();
        }
        Optional<Failure> first = r.firstFailure();
        if (first.isPresent()) {
            failure(w, "failure", first.get());
        }
        optionalFailure(w, "beforeHookFailure", r.beforeHookFailure());
        optionalFailure(w, "afterHookFailure", r.afterHookFailure());
        w.strings("hookMessages", r.hookMessages());
        attachments(w, r.hookScreenshotFiles());
        w.strings("skipReasons", r.skipReasons());
        w.name("steps").beginArray();
        for (ExecutedItem item : items) {
            item(w, item);
        }
        w.endArray();
        // Written only when true, last, so lines of runs without retries are unchanged.
        if (isFlaky(scenario, r)) {
            w.name("flaky").value(true);
        }
        if (!unstarted && r.status() == Status.FAILED && scenario.currentRetry() < scenario.maxRetries()) {
            w.name("willBeRetried").value(true);
        }
        w.endObject();
    }

    private void item(JsonWriter w, ExecutedItem item) throws IOException {
        StepResult r = item.result();
        w.beginObject().field("kind", item instanceof ExecutedConcept ? "concept" : "step")
                .field("text", item.step().actualText()).field("status", status(r.status()))
                .field("durationMs", r.duration().toMillis());
        w.name("parameters").beginArray();
        for (Parameter p : item.step().parameters()) {
            w.beginObject().field("kind", p.kind().name().toLowerCase(Locale.ROOT)).field("name", p.name());
            if (p.isTable()) {
                table(w, "table", p.table());
            } else {
                w.field("value", p.value());
            }
            w.endObject();
        }
        w.endArray();
        if (r.failure().isPresent()) {
            failure(w, "failure", r.failure().get());
            w.name("recoverable").value(r.recoverable());
        }
        optionalFailure(w, "beforeHookFailure", r.beforeHookFailure());
        optionalFailure(w, "afterHookFailure", r.afterHookFailure());
        if (r.skipReason().isPresent()) {
            w.field("skipReason", r.skipReason().get());
        }
        w.strings("messages", r.messages());
        w.strings("hookMessages", r.hookMessages());
        attachments(w, r.screenshotFiles());
        if (item instanceof ExecutedConcept c) {
            w.name("steps").beginArray();
            for (ExecutedItem child : c.children()) {
                item(w, child);
            }
            w.endArray();
        }
        w.endObject();
    }

    public void spec(JsonWriter w, SpecFinished e, int specId) throws IOException {
        SpecResult r = e.result();
        w.beginObject().field("type", "spec");
        if (specId >= 0) {
            w.field("specId", specId);
        }
        w.field("name", e.spec().name()).field("file", e.spec().fileName())
                .strings("tags", e.spec().tags()).field("status", status(r.status()))
                .field("durationMs", r.duration().toMillis()).field("scenarios", r.scenarioCount())
                .field("passed", r.scenarioPassedCount()).field("failed", r.scenarioFailedCount())
                .field("skipped", r.scenarioSkippedCount()).field("stream", e.context().stream());
        w.name("errors").beginArray();
        for (SpecError err : r.errors()) {
            w.beginObject().field("kind", err.kind().name().toLowerCase(Locale.ROOT)).field("file", err.fileName())
                    .field("line", err.line()).field("message", err.message()).endObject();
        }
        w.endArray();
        w.name("beforeHookFailures").beginArray();
        for (Failure f : r.beforeHookFailures()) {
            failureObject(w, f);
        }
        w.endArray();
        w.name("afterHookFailures").beginArray();
        for (Failure f : r.afterHookFailures()) {
            failureObject(w, f);
        }
        w.endArray();
        w.strings("hookMessages", r.hookMessages());
        w.endObject();
    }

    /**
     * A passed attempt that is a retry: the scenario failed before and passed now. Retries only follow failed
     * attempts, so this needs no memory of earlier lines.
     */
    public static boolean isFlaky(ScenarioInfo scenario, ScenarioResult r) {
        return scenario.isRetry() && r.status() == Status.PASSED;
    }

    public void suite(JsonWriter w, SuiteResult r) throws IOException {
        suite(w, r, -1);
    }

    /** The suite object; {@code flaky} (scenarios that passed on a retry) is written when not negative. */
    public void suite(JsonWriter w, SuiteResult r, int flaky) throws IOException {
        w.beginObject().field("type", "suite").field("project", r.projectName())
                .field("status", status(r.status())).field("environment", r.environment()).field("tags", r.tags())
                .field("timestamp", r.timestamp().orElse("")).field("durationMs", r.duration().toMillis())
                .name("successRate").value(r.successRate())
                .field("specs", r.specsCount()).field("specsFailed", r.specsFailedCount())
                .field("specsSkipped", r.specsSkippedCount()).field("scenarios", r.scenariosCount())
                .field("scenariosPassed", r.scenariosPassedCount()).field("scenariosFailed", r.scenariosFailedCount())
                .field("scenariosSkipped", r.scenariosSkippedCount());
        if (flaky >= 0) {
            w.field("scenariosFlaky", flaky);
        }
        optionalFailure(w, "beforeHookFailure", r.beforeHookFailure());
        optionalFailure(w, "afterHookFailure", r.afterHookFailure());
        w.strings("hookMessages", r.hookMessages());
        w.endObject();
    }

    private void attachments(JsonWriter w, List<String> files) throws IOException {
        w.name("attachments").beginArray();
        for (String f : files) {
            w.beginObject().field("file", f);
            String embedded = attachment.apply(f);
            if (embedded != null && !embedded.equals(f)) {
                w.field("dataUri", embedded);
            }
            w.endObject();
        }
        w.endArray();
    }

    private void optionalFailure(JsonWriter w, String name, Optional<Failure> f) throws IOException {
        if (f.isPresent()) {
            failure(w, name, f.get());
        }
    }

    private void failure(JsonWriter w, String name, Failure f) throws IOException {
        w.name(name);
        failureObject(w, f);
    }

    private void failureObject(JsonWriter w, Failure f) throws IOException {
        w.beginObject().field("message", f.message()).field("stackTrace", f.stackTrace());
        if (f.screenshotFile().isPresent()) {
            w.field("screenshot", f.screenshotFile().get());
        }
        w.endObject();
    }

    private static void table(JsonWriter w, String name, Table t) throws IOException {
        w.name(name).beginObject().strings("headers", t.headers()).name("rows").beginArray();
        for (List<String> row : t.rows()) {
            w.beginArray();
            for (String cell : row) {
                w.value(cell);
            }
            w.endArray();
        }
        w.endArray().endObject();
    }
}
