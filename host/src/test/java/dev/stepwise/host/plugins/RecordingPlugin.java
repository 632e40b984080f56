package dev.stepwise.host.plugins;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.ConceptFinished;
import dev.stepwise.reporter.event.ConceptStarting;
import dev.stepwise.reporter.event.ReporterEvent;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test reporter plugin, launched by the host as a real process: writes one line per event
 * ({@code SuiteStarting false}, {@code SuiteStarting true}, ...; see {@link #line}) to
 * {@code <project>/reports/recorded.txt}.
 */
public final class RecordingPlugin {
    private RecordingPlugin() {
    }

    /**
     * The line recorded for {@code e}: its event type, plus {@code hooksDone} for a starting event (each is sent
     * twice) and whether {@code SuiteFinished} carries the suite result. Tests map the event log through this too.
     */
    public static String line(ReporterEvent e) {
        Object detail = null;
        if (e instanceof SuiteStarting s) {
            detail = s.hooksDone();
        } else if (e instanceof SpecStarting s) {
            detail = s.hooksDone();
        } else if (e instanceof ScenarioStarting s) {
            detail = s.hooksDone();
        } else if (e instanceof StepStarting s) {
            detail = s.hooksDone();
        } else if (e instanceof SuiteFinished s) {
            detail = s.result().isPresent();
        }
        return e.getClass().getSimpleName() + (detail == null ? "" : " " + detail);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("GAUGE_PROJECT_ROOT", "."));
        Path file = root.resolve(System.getenv().getOrDefault("gauge_reports_dir", "reports")).resolve("recorded.txt");
        Files.createDirectories(file.getParent());
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write("action=" + System.getenv("stepwise-recorder_action") + " language=" + System.getenv("test_language")
                + "\n");
        System.exit(ReporterPlugin.serve(new ReporterListener() {
            void record(ReporterEvent e) throws IOException {
                w.write(line(e) + "\n");
            }

            @Override
            public void onSuiteStarting(SuiteStarting e) throws IOException {
                record(e);
            }

            @Override
            public void onSpecStarting(SpecStarting e) throws IOException {
                record(e);
            }

            @Override
            public void onScenarioStarting(ScenarioStarting e) throws IOException {
                record(e);
            }

            @Override
            public void onConceptStarting(ConceptStarting e) throws IOException {
                record(e);
            }

            @Override
            public void onStepStarting(StepStarting e) throws IOException {
                record(e);
            }

            @Override
            public void onStepFinished(StepFinished e) throws IOException {
                record(e);
            }

            @Override
            public void onConceptFinished(ConceptFinished e) throws IOException {
                record(e);
            }

            @Override
            public void onScenarioFinished(ScenarioFinished e) throws IOException {
                record(e);
            }

            @Override
            public void onSpecFinished(SpecFinished e) throws IOException {
                record(e);
            }

            @Override
            public void onSuiteFinished(SuiteFinished e) throws IOException {
                record(e);
            }

            @Override
            public void onSuiteResult(SuiteResultReady e) throws IOException {
                record(e);
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        }));
    }
}
