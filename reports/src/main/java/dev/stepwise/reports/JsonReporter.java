package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.event.ReporterEvent;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;
import dev.stepwise.reports.internal.FileOpener;
import dev.stepwise.reports.internal.JsonWriter;
import dev.stepwise.reports.internal.Leftovers;
import dev.stepwise.reports.internal.ReportFile;
import dev.stepwise.reports.internal.ResultJson;
import dev.stepwise.reports.internal.StepTracker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The JSON report: one JSON object per line (NDJSON), schema {@value #SCHEMA}, described in
 * {@code docs/report-json-schema.md}. A {@code run} line first, then a {@code scenario} line as each scenario
 * attempt finishes, a {@code spec} line as each spec finishes, and a {@code suite} line last. Nothing is held
 * in memory; the file appears (atomically) when the suite result arrives.
 */
public final class JsonReporter implements ReporterListener {
    public static final String SCHEMA = "stepwise-report/1";

    private final Path file;
    private final FileOpener opener;
    private final ResultJson json = new ResultJson(f -> f);
    private final StepTracker steps = new StepTracker();
    private ReportFile out;
    private JsonWriter w;
    private boolean finished;
    private int flaky;

    /** @param file the report file, e.g. {@code reports/json-report/report.ndjson} */
    public JsonReporter(Path file) {
        this(file, FileOpener.FILE_SYSTEM);
    }

    /** Writing through {@code opener} (fault tests: a disk that fills up). */
    JsonReporter(Path file, FileOpener opener) {
        this.file = Objects.requireNonNull(file, "file");
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    private JsonWriter open(ReporterEvent first) throws IOException {
        if (w == null) {
            Leftovers.sweep(file.toAbsolutePath().getParent(), file.getFileName().toString());
            out = ReportFile.open(file, "JSON report", opener);
            w = new JsonWriter(out.writer());
            w.beginObject().field("type", "run").field("schema", SCHEMA)
                    .field("project", first.context().projectName())
                    .field("startedAt", first.receivedAt().toString())
                    .field("streams", first.context().numberOfStreams()).endObject();
            endLine();
        }
        return w;
    }

    private void endLine() throws IOException {
        out.writer().write('\n');
        w.reset();
    }

    @Override
    public void onSuiteStarting(SuiteStarting event) throws IOException {
        if (!event.hooksDone() && !finished) {
            open(event);
        }
    }

    @Override
    public void onScenarioStarting(ScenarioStarting event) {
        steps.onScenarioStarting(event);
    }

    @Override
    public void onStepFinished(StepFinished event) {
        steps.onStepFinished(event);
    }

    @Override
    public void onScenarioFinished(ScenarioFinished event) throws IOException {
        if (!finished) {
            if (ResultJson.isFlaky(event.scenario(), event.result())) {
                flaky++;
            }
            json.scenario(open(event), event, steps.finish(event), -1);
            endLine();
        }
    }

    @Override
    public void onSpecFinished(SpecFinished event) throws IOException {
        if (!finished) {
            // Scenarios skipped before they started had no scenario events: their lines come before the spec's.
            for (var unstarted : event.result().unstartedScenarios()) {
                json.unstartedScenario(open(event), event, unstarted, -1);
                endLine();
            }
            json.spec(open(event), event, -1);
            endLine();
        }
    }

    @Override
    public void onSuiteResult(SuiteResultReady event) throws IOException {
        if (finished) {
            return;
        }
        json.suite(open(event), event.result(), flaky);
        endLine();
        finished = true;
        out.commit();
    }

    /** Without a suite result the run did not finish: the temp file is discarded, no report appears. */
    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
