package dev.stepwise.host.plugins;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.ReporterEvent;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteStarting;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test reporter plugin, launched by the host as a real process: writes one line per event
 * ({@code SuiteStarting false}, {@code SuiteStarting true}, ...) to {@code <project>/reports/recorded.txt}.
 */
public final class RecordingPlugin {
    private RecordingPlugin() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("GAUGE_PROJECT_ROOT", "."));
        Path file = root.resolve(System.getenv().getOrDefault("gauge_reports_dir", "reports")).resolve("recorded.txt");
        Files.createDirectories(file.getParent());
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write("action=" + System.getenv("stepwise-recorder_action") + " language=" + System.getenv("test_language")
                + "\n");
        System.exit(ReporterPlugin.serve(new ReporterListener() {
            void line(ReporterEvent e, Object hooksDone) throws IOException {
                w.write(e.getClass().getSimpleName() + (hooksDone == null ? "" : " " + hooksDone) + "\n");
            }

            @Override
            public void onSuiteStarting(SuiteStarting e) throws IOException {
                line(e, e.hooksDone());
            }

            @Override
            public void onSpecStarting(SpecStarting e) throws IOException {
                line(e, e.hooksDone());
            }

            @Override
            public void onScenarioStarting(ScenarioStarting e) throws IOException {
                line(e, e.hooksDone());
            }

            @Override
            public void onConceptStarting(dev.stepwise.reporter.event.ConceptStarting e) throws IOException {
                line(e, null);
            }

            @Override
            public void onStepStarting(StepStarting e) throws IOException {
                line(e, e.hooksDone());
            }

            @Override
            public void onStepFinished(dev.stepwise.reporter.event.StepFinished e) throws IOException {
                line(e, null);
            }

            @Override
            public void onConceptFinished(dev.stepwise.reporter.event.ConceptFinished e) throws IOException {
                line(e, null);
            }

            @Override
            public void onScenarioFinished(dev.stepwise.reporter.event.ScenarioFinished e) throws IOException {
                line(e, null);
            }

            @Override
            public void onSpecFinished(dev.stepwise.reporter.event.SpecFinished e) throws IOException {
                line(e, null);
            }

            @Override
            public void onSuiteFinished(SuiteFinished e) throws IOException {
                line(e, e.result().isPresent());
            }

            @Override
            public void onSuiteResult(dev.stepwise.reporter.event.SuiteResultReady e) throws IOException {
                line(e, null);
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        }));
    }
}
