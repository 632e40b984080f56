package dev.stepwise.example;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.SuiteResultReady;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * An example third-party reporter: counts scenario attempts by status and writes
 * {@code <gauge_reports_dir>/example/summary.txt} under {@code GAUGE_PROJECT_ROOT}.
 */
public final class SummaryReporter implements ReporterListener {
    private final Path summaryFile;
    private final Map<dev.stepwise.reporter.event.Status, Integer> counts =
            new EnumMap<>(dev.stepwise.reporter.event.Status.class);
    private int retries;

    SummaryReporter(Path summaryFile) {
        this.summaryFile = summaryFile;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getenv().getOrDefault("GAUGE_PROJECT_ROOT", "."));
        Path reports = root.resolve(System.getenv().getOrDefault("gauge_reports_dir", "reports"));
        System.exit(ReporterPlugin.serve(new SummaryReporter(reports.resolve("example").resolve("summary.txt"))));
    }

    @Override
    public void onScenarioFinished(ScenarioFinished event) {
        counts.merge(event.result().status(), 1, Integer::sum);
        if (event.scenario().isRetry()) {
            retries++;
        }
    }

    @Override
    public void onSuiteResult(SuiteResultReady event) throws IOException {
        String text = "project: " + event.result().projectName() + "\n"
                + "passed: " + counts.getOrDefault(dev.stepwise.reporter.event.Status.PASSED, 0) + "\n"
                + "failed: " + counts.getOrDefault(dev.stepwise.reporter.event.Status.FAILED, 0) + "\n"
                + "skipped: " + counts.getOrDefault(dev.stepwise.reporter.event.Status.SKIPPED, 0) + "\n"
                + "retries: " + retries + "\n";
        Files.createDirectories(summaryFile.getParent());
        Path temp = summaryFile.resolveSibling(summaryFile.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, summaryFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
