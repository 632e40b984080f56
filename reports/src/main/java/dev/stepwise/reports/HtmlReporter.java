package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.event.ReporterEvent;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reports.internal.FileOpener;
import dev.stepwise.reports.internal.JsonWriter;
import dev.stepwise.reports.internal.Leftovers;
import dev.stepwise.reports.internal.ReportFile;
import dev.stepwise.reports.internal.ResultJson;
import dev.stepwise.reports.internal.StepTracker;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One self-contained HTML file that opens offline: summary, specs and scenarios filterable by status, tag and
 * text, each scenario's steps with parameters and tables, failures with stack traces, messages, attachments
 * (small images inline as data URIs) and retries.
 *
 * <p>Streaming: each finished scenario or spec is appended as JSON to a hidden data file, in
 * {@code <script type="application/json" class="sw-chunk">} blocks of {@value #CHUNK} records. When the suite
 * result arrives the page (style, summary, data, viewer script) is assembled into a temp file and renamed
 * into place. The viewer parses the data once and renders rows on demand, so 10,000 scenarios stay fast.
 */
public final class HtmlReporter implements ReporterListener {
    static final int CHUNK = 250;
    /** Images up to this size are embedded; larger ones are linked by path. */
    static final long MAX_INLINE_BYTES = 256 * 1024;

    private final Path file;
    private final Optional<Path> screenshotsDir;
    private final FileOpener opener;
    private final ResultJson json;
    private final StepTracker steps = new StepTracker();
    private final Map<Integer, Integer> specIdByStream = new HashMap<>();
    private Path dataFile;
    private Writer data;
    private JsonWriter w;
    private int inChunk;
    private int nextSpecId;
    private boolean finished;
    private String project = "";

    /**
     * @param file           the report, e.g. {@code reports/html-report/index.html}
     * @param screenshotsDir where relative screenshot names are resolved ({@code gauge_screenshots_dir}), if known
     */
    public HtmlReporter(Path file, Optional<Path> screenshotsDir) {
        this(file, screenshotsDir, FileOpener.FILE_SYSTEM);
    }

    /** Writing through {@code opener} (fault tests: a disk that fills up). */
    HtmlReporter(Path file, Optional<Path> screenshotsDir, FileOpener opener) {
        this.file = Objects.requireNonNull(file, "file");
        this.screenshotsDir = Objects.requireNonNull(screenshotsDir, "screenshotsDir");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.json = new ResultJson(this::embed);
    }

    private JsonWriter record(ReporterEvent event) throws IOException {
        if (data == null) {
            Path dir = file.toAbsolutePath().getParent();
            // What a killed run left: its data file and its half-assembled page.
            Leftovers.sweep(dir, file.getFileName() + ".data");
            Leftovers.sweep(dir, file.getFileName().toString());
            dataFile = ReportFile.tempFor(dir, file.getFileName() + ".data", "HTML report");
            data = ReportFile.openTemp(dataFile, file, "HTML report", opener);
            w = new JsonWriter(data);
            project = event.context().projectName();
        }
        if (inChunk == 0) {
            data.write("<script type=\"application/json\" class=\"sw-chunk\">[");
            w.reset();
        }
        inChunk++;
        return w;
    }

    private void endRecord() throws IOException {
        if (inChunk >= CHUNK) {
            closeChunk();
        }
    }

    private void closeChunk() throws IOException {
        if (inChunk > 0) {
            data.write("]</script>\n");
            inChunk = 0;
        }
    }

    @Override
    public void onSpecStarting(SpecStarting event) {
        if (!event.hooksDone()) {
            specIdByStream.put(event.context().stream(), nextSpecId++);
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
        if (finished) {
            return;
        }
        int specId = specIdByStream.computeIfAbsent(event.context().stream(), k -> nextSpecId++);
        json.scenario(record(event), event, steps.finish(event), specId);
        endRecord();
    }

    @Override
    public void onSpecFinished(SpecFinished event) throws IOException {
        if (finished) {
            return;
        }
        Integer known = specIdByStream.remove(event.context().stream());
        int specId = known == null ? nextSpecId++ : known;
        // Scenarios skipped before they started had no scenario events: they are rows too.
        for (var unstarted : event.result().unstartedScenarios()) {
            json.unstartedScenario(record(event), event, unstarted, specId);
            endRecord();
        }
        json.spec(record(event), event, specId);
        endRecord();
    }

    @Override
    public void onSuiteResult(SuiteResultReady event) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (data == null) {
                record(event);
                inChunk = 0;
                w.reset();
                data.write("]</script>\n");
            }
            closeChunk();
            data.close();
            writePage(event);
        } finally {
            // Written or not, the data file has served: a failure (a full disk) leaves neither it nor a page behind.
            if (dataFile != null) {
                Files.deleteIfExists(dataFile);
            }
        }
    }

    private void writePage(SuiteResultReady event) throws IOException {
        try (ReportFile out = ReportFile.open(file, "HTML report", opener)) {
            Writer page = out.writer();
            String title = "Stepwise report" + (event.result().projectName().isEmpty() ? project.isEmpty() ? ""
                    : ": " + project : ": " + event.result().projectName());
            page.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
            page.write(htmlEscape(title));
            page.write("</title>\n<style>\n");
            page.write(resource("report.css"));
            page.write("</style>\n</head>\n<body>\n");
            page.write("<noscript>This report needs JavaScript to show its results.</noscript>\n");
            page.write("<div id=\"app\"></div>\n");
            page.write("<script type=\"application/json\" id=\"sw-summary\">");
            JsonWriter summary = new JsonWriter(page);
            json.suite(summary, event.result());
            page.write("</script>\n");
            try (Reader r = Files.newBufferedReader(dataFile, StandardCharsets.UTF_8)) {
                r.transferTo(page);
            }
            page.write("<script>\n");
            page.write(resource("report.js"));
            page.write("</script>\n</body>\n</html>\n");
            out.commit();
        }
    }

    /**
     * Without a suite result nothing is presented: the data file is removed, also when its last write fails (a full
     * disk), which then does not matter.
     */
    @Override
    public void close() throws IOException {
        if (data != null) {
            try {
                data.close();
            } catch (IOException ignored) {
                // The data is discarded anyway; a write failure during the run was already reported.
            } finally {
                Files.deleteIfExists(dataFile);
            }
        }
    }

    /** A small image as a data URI; anything else stays a path. */
    private String embed(String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute() && screenshotsDir.isPresent()) {
            p = screenshotsDir.get().resolve(name);
        }
        String mime = mime(name);
        try {
            if (mime != null && Files.isRegularFile(p) && Files.size(p) <= MAX_INLINE_BYTES) {
                return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(p));
            }
        } catch (IOException | UncheckedIOException e) {
            return name; // shown as a path; a missing screenshot must not break the report
        }
        return name;
    }

    private static String mime(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        if (n.endsWith(".webp")) {
            return "image/webp";
        }
        return null;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlReporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name + " in the stepwise-reports jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
