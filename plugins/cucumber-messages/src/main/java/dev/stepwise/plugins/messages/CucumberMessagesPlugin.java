package dev.stepwise.plugins.messages;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.SpecStarting;
import io.cucumber.htmlformatter.MessagesToHtmlWriter;
import io.cucumber.junitxmlformatter.MessagesToJunitXmlWriter;
import io.cucumber.messages.ndjson.Deserializer;
import io.cucumber.messages.ndjson.Serializer;
import io.cucumber.messages.types.Envelope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Gauge reporter plugin {@code stepwise-cucumber-messages}: writes
 * {@code <GAUGE_PROJECT_ROOT>/<gauge_reports_dir>/cucumber/messages.ndjson} while the run goes, and at the end
 * Cucumber's own {@code report.html} and {@code junit.xml} made from that stream by Cucumber's Java formatters.
 */
public final class CucumberMessagesPlugin implements ReporterListener {
    public static final String VERSION = "0.1.0";
    private final Path dir;
    private final MessagesReporter reporter;
    private final MessageSink sink;

    CucumberMessagesPlugin(Path dir, Path screenshotsDir) throws IOException {
        this.dir = dir;
        this.sink = new MessageSink(dir.resolve("messages.ndjson"));
        this.reporter = new MessagesReporter(sink, screenshotsDir, MessagesReporter.uuids(), VERSION);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("GAUGE_PROJECT_ROOT", ".")).toAbsolutePath();
        Path reports = root.resolve(env.getOrDefault("gauge_reports_dir", "reports"));
        Path shots = Path.of(env.getOrDefault("gauge_screenshots_dir", root.resolve(".gauge/screenshots").toString()));
        System.exit(ReporterPlugin.serve(new CucumberMessagesPlugin(reports.resolve("cucumber"), shots)));
    }

    @Override
    public void onSuiteStarting(dev.stepwise.reporter.event.SuiteStarting e) throws Exception {
        reporter.onSuiteStarting(e);
    }

    @Override
    public void onSpecStarting(SpecStarting e) throws Exception {
        reporter.onSpecStarting(e);
    }

    @Override
    public void onScenarioStarting(dev.stepwise.reporter.event.ScenarioStarting e) throws Exception {
        reporter.onScenarioStarting(e);
    }

    @Override
    public void onConceptStarting(dev.stepwise.reporter.event.ConceptStarting e) throws Exception {
        reporter.onConceptStarting(e);
    }

    @Override
    public void onStepStarting(dev.stepwise.reporter.event.StepStarting e) throws Exception {
        reporter.onStepStarting(e);
    }

    @Override
    public void onStepFinished(dev.stepwise.reporter.event.StepFinished e) throws Exception {
        reporter.onStepFinished(e);
    }

    @Override
    public void onConceptFinished(dev.stepwise.reporter.event.ConceptFinished e) throws Exception {
        reporter.onConceptFinished(e);
    }

    @Override
    public void onScenarioFinished(dev.stepwise.reporter.event.ScenarioFinished e) throws Exception {
        reporter.onScenarioFinished(e);
    }

    @Override
    public void onSpecFinished(dev.stepwise.reporter.event.SpecFinished e) throws Exception {
        reporter.onSpecFinished(e); // scenarios skipped before they started
    }

    @Override
    public void onSuiteResult(dev.stepwise.reporter.event.SuiteResultReady e) throws Exception {
        reporter.onSuiteResult(e);
    }

    @Override
    public void onKill() throws Exception {
        reporter.onKill();
    }

    @Override
    public void close() throws Exception {
        reporter.close();
        writeReports(dir.resolve("messages.ndjson"), dir);
    }

    /** Re-reads the stream (one envelope at a time) into Cucumber's HTML and JUnit XML formatters; atomic renames. */
    static void writeReports(Path ndjson, Path dir) throws IOException {
        Path html = dir.resolve("report.html.tmp");
        Path xml = dir.resolve("junit.xml.tmp");
        Deserializer deserializer = new Deserializer();
        Serializer serializer = new Serializer();
        try (OutputStream h = Files.newOutputStream(html); OutputStream x = Files.newOutputStream(xml);
             MessagesToHtmlWriter htmlWriter = MessagesToHtmlWriter.builder(serializer::writeValue)
                     .title("Stepwise - Cucumber report").build(h);
             MessagesToJunitXmlWriter xmlWriter = MessagesToJunitXmlWriter.builder().testSuiteName("Stepwise")
                     .build(x);
             BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Envelope e = deserializer.readValue(line);
                htmlWriter.write(e);
                xmlWriter.write(e);
            }
        }
        Files.move(html, dir.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(xml, dir.resolve("junit.xml"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
