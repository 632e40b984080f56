package dev.stepwise.reports;

import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.event.ExecutedConcept;
import dev.stepwise.reporter.event.ExecutedItem;
import dev.stepwise.reporter.event.Failure;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioResult;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecInfo;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.Status;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.SuiteStarting;
import dev.stepwise.reports.internal.FolderReplacement;
import dev.stepwise.reports.internal.FileOpener;
import dev.stepwise.reports.internal.ReportFile;
import dev.stepwise.reports.internal.SpillingText;
import dev.stepwise.reports.internal.StepTracker;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * JUnit XML in the Surefire schema that CI servers read: one {@code TEST-<spec>.xml} per spec, holding one
 * {@code <testsuite>} with a {@code <testcase>} per scenario ({@code classname} = spec heading,
 * {@code name} = scenario heading, plus the data-table row). A failure becomes {@code <failure message type>}
 * with the stack trace; a skipped scenario {@code <skipped message>}; step and hook messages go to
 * {@code <system-out>}. Retries use Surefire's rerun elements: earlier failed attempts of a scenario that
 * finally passed are {@code <flakyFailure>}, of one that still failed {@code <rerunFailure>}. A failing
 * before/after-spec hook is its own test case with an {@code <error>}.
 *
 * <p>Streaming: a spec's test cases go to a temp file as they finish; when the spec ends, its XML file is
 * assembled and renamed into place. Only the scenario in flight (per stream) is held in memory.
 *
 * <p>Two ways to place the files: {@link #JUnitXmlReporter(Path) straight into a folder} (a new folder of this
 * run, or one the caller owns), where each spec's file appears as soon as the spec ends; or
 * {@link #replacingFolder(Path) replacing a folder} that holds an earlier run's files, where everything is staged
 * and swapped in as a whole when the reporter is closed, so no file of the earlier run survives and no mix of the
 * two runs is ever visible.
 */
public final class JUnitXmlReporter implements ReporterListener {
    /**
     * A spec's test cases are kept in memory up to this many characters (about 250 scenarios of a typical spec),
     * beyond it in a temp file: so a huge spec never stays in memory, and most specs never write and delete a temp file.
     */
    private static final int BODY_IN_MEMORY = 256 * 1024;
    private static final Pattern SPEC_EXTENSION = Pattern.compile("\\.(spec|md)$");
    private static final Pattern UNSAFE_IN_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final FolderReplacement replacement;
    private final FileOpener opener;
    private final StepTracker steps = new StepTracker();
    private final Map<Integer, SpecState> specs = new HashMap<>();
    private final Set<String> written = new HashSet<>();

    /** @param dir the folder for {@code TEST-*.xml}, e.g. {@code reports/xml-report/2026-01-02 10.11.12} */
    public JUnitXmlReporter(Path dir) {
        this(dir, FileOpener.FILE_SYSTEM);
    }

    /** Writing through {@code opener} (fault tests: a disk that fills up). */
    JUnitXmlReporter(Path dir, FileOpener opener) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.replacement = null;
    }

    private JUnitXmlReporter(FolderReplacement replacement) {
        this.dir = replacement.target();
        this.replacement = replacement;
        this.opener = FileOpener.FILE_SYSTEM;
    }

    /**
     * A reporter whose files replace the whole of {@code dir} (e.g. {@code reports/xml-report}) when it is closed:
     * specs the earlier run had and this one has not leave no file behind.
     */
    public static JUnitXmlReporter replacingFolder(Path dir) {
        return new JUnitXmlReporter(new FolderReplacement(dir, "JUnit XML report"));
    }

    /** Where files are written now: the folder itself, or the staging folder that will replace it. */
    private Path writeDir() throws IOException {
        return replacement == null ? dir : replacement.staging();
    }

    /** One spec being written on one stream. */
    private final class SpecState {
        final SpecInfo spec;
        final Instant started;
        final SpillingText body;
        int tests;
        int failures;
        int errors;
        int skipped;
        long millis;
        ScenarioFinished pending;
        final List<ScenarioFinished> earlierAttempts = new ArrayList<>();

        SpecState(SpecInfo spec, Instant started) throws IOException {
            this.spec = spec;
            this.started = started;
            String name = "TEST-" + baseName(spec) + ".xml";
            Path folder = writeDir();
            ReportFile.ensureFolder(folder, name, "JUnit XML report"); // an unusable folder is named at once
            this.body = new SpillingText(BODY_IN_MEMORY, folder, name, dir.resolve(name), "JUnit XML report", opener);
        }
    }

    /** When replacing a folder, a run that reaches no spec (all filtered out) still replaces it, with nothing. */
    @Override
    public void onSuiteStarting(SuiteStarting event) throws IOException {
        if (replacement != null && !event.hooksDone()) {
            writeDir();
        }
    }

    @Override
    public void onSpecStarting(SpecStarting event) throws IOException {
        if (!event.hooksDone()) {
            SpecState old = specs.remove(event.context().stream());
            if (old != null) {
                discard(old);
            }
            specs.put(event.context().stream(), new SpecState(event.spec(), event.receivedAt()));
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
        SpecState s = state(event.context().stream(), event.spec(), event.receivedAt());
        List<ExecutedItem> items = steps.finish(event);
        ScenarioFinished withSteps = items == event.result().allItems() ? event : withItems(event, items);
        if (s.pending != null) {
            if (event.scenario().isRetry() && sameScenario(s.pending, event)) {
                s.earlierAttempts.add(s.pending);
            } else {
                writeTestCase(s);
            }
        }
        s.pending = withSteps;
    }

    @Override
    public void onSpecFinished(SpecFinished event) throws IOException {
        SpecState s = specs.remove(event.context().stream());
        if (s == null) {
            s = new SpecState(event.spec(), event.receivedAt());
        }
        try {
            if (s.pending != null) {
                writeTestCase(s);
            }
            // Scenarios skipped before they started (validation error, dead runner, ...) had no scenario events.
            for (ScenarioResult unstarted : event.result().unstartedScenarios()) {
                writeTestCase(s, unstarted, caseName(unstarted, unstarted.name()), event.spec(), List.of());
            }
            int i = 0;
            for (Failure f : event.result().beforeHookFailures()) {
                hookCase(s, "before spec hook" + (i++ == 0 ? "" : " " + i), f);
            }
            i = 0;
            for (Failure f : event.result().afterHookFailures()) {
                hookCase(s, "after spec hook" + (i++ == 0 ? "" : " " + i), f);
            }
            s.body.close();
            SpecInfo spec = event.spec().name().isEmpty() ? s.spec : event.spec();
            String name = uniqueName(baseName(spec));
            try (ReportFile file = ReportFile.open(writeDir().resolve(name), dir.resolve(name), "JUnit XML report",
                    opener)) {
                Writer w = file.writer();
                long millis = Math.max(s.millis, event.result().duration().toMillis());
                w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
                w.write("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.2.xsd\"");
                attr(w, "name", suiteName(spec));
                attr(w, "time", seconds(millis));
                attr(w, "tests", String.valueOf(s.tests));
                attr(w, "errors", String.valueOf(s.errors));
                attr(w, "skipped", String.valueOf(s.skipped));
                attr(w, "failures", String.valueOf(s.failures));
                attr(w, "timestamp", TIMESTAMP.format(s.started.truncatedTo(ChronoUnit.SECONDS)));
                w.write(">\n  <properties>\n");
                property(w, "spec.file", spec.fileName());
                property(w, "spec.tags", String.join(", ", spec.tags()));
                w.write("  </properties>\n");
                s.body.copyTo(w);
                w.write("</testsuite>\n");
                file.commit();
            }
        } finally {
            discard(s);
        }
    }

    /**
     * Specs still open (the run was killed): their temp files are removed, no partial XML appears. When replacing a
     * folder, the specs that did finish now replace the earlier run's folder (as the streaming mode leaves them in
     * place), so the folder never shows the earlier run's results as this run's.
     */
    @Override
    public void close() throws IOException {
        specs.values().forEach(this::discard);
        specs.clear();
        if (replacement != null) {
            replacement.commit();
        }
    }

    private SpecState state(int stream, SpecInfo spec, Instant at) throws IOException {
        SpecState s = specs.get(stream);
        if (s == null) {
            s = new SpecState(spec, at);
            specs.put(stream, s);
        }
        return s;
    }

    private void discard(SpecState s) {
        s.body.discard();
    }

    private void writeTestCase(SpecState s) throws IOException {
        ScenarioFinished e = s.pending;
        List<ScenarioFinished> earlier = List.copyOf(s.earlierAttempts);
        s.pending = null;
        s.earlierAttempts.clear();
        writeTestCase(s, e.result(), caseName(e), e.spec(), earlier);
    }

    private void writeTestCase(SpecState s, ScenarioResult r, String caseName, SpecInfo eventSpec,
                               List<ScenarioFinished> earlier) throws IOException {
        Writer w = s.body;
        long millis = r.duration().toMillis();
        s.tests++;
        s.millis += millis;
        w.write("  <testcase");
        attr(w, "name", caseName);
        attr(w, "classname", suiteName(s.spec.name().isEmpty() ? eventSpec : s.spec));
        attr(w, "time", seconds(millis));
        w.write(">\n");
        if (r.status() == Status.FAILED) {
            s.failures++;
            Failure f = r.firstFailure().orElse(Failure.of("scenario failed", ""));
            element(w, "failure", f);
            for (ScenarioFinished attempt : earlier) {
                attempt.result().firstFailure().ifPresent(af -> rethrow(() -> element(w, "rerunFailure", af)));
            }
        } else if (r.status() == Status.SKIPPED) {
            s.skipped++;
            w.write("    <skipped");
            attr(w, "message", String.join("; ", r.skipReasons()));
            w.write("/>\n");
        } else {
            for (ScenarioFinished attempt : earlier) {
                attempt.result().firstFailure().ifPresent(af -> rethrow(() -> element(w, "flakyFailure", af)));
            }
        }
        StringBuilder out = new StringBuilder();
        messages(r.hookMessages(), out);
        for (ExecutedItem item : r.allItems()) {
            messages(item, out);
        }
        if (!out.isEmpty()) {
            w.write("    <system-out>");
            w.write(escape(out.toString()));
            w.write("</system-out>\n");
        }
        w.write("  </testcase>\n");
    }

    private void hookCase(SpecState s, String name, Failure f) throws IOException {
        s.tests++;
        s.errors++;
        s.body.write("  <testcase");
        attr(s.body, "name", name);
        attr(s.body, "classname", suiteName(s.spec));
        attr(s.body, "time", "0");
        s.body.write(">\n");
        element(s.body, "error", f);
        s.body.write("  </testcase>\n");
    }

    private static void messages(List<String> messages, StringBuilder out) {
        for (String m : messages) {
            out.append(m).append('\n');
        }
    }

    private static void messages(ExecutedItem item, StringBuilder out) {
        messages(item.result().hookMessages(), out);
        messages(item.result().messages(), out);
        if (item instanceof ExecutedConcept c) {
            for (ExecutedItem child : c.children()) {
                messages(child, out);
            }
        }
    }

    private static void element(Writer w, String name, Failure f) throws IOException {
        w.write("    <" + name);
        attr(w, "message", f.message());
        attr(w, "type", failureType(f));
        w.write(">");
        w.write(escape(f.stackTrace().isEmpty() ? f.message() : f.stackTrace()));
        w.write("</" + name + ">\n");
    }

    /** The exception class when the stack trace starts with one ("java.lang.AssertionError: ..."). */
    static String failureType(Failure f) {
        String first = f.stackTrace().lines().findFirst().orElse("").trim();
        int colon = first.indexOf(':');
        String candidate = colon > 0 ? first.substring(0, colon) : first;
        if (candidate.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+")) {
            return candidate;
        }
        return "StepFailure";
    }

    private static boolean sameScenario(ScenarioFinished a, ScenarioFinished b) {
        return a.scenario().name().equals(b.scenario().name())
                && a.result().dataRow().equals(b.result().dataRow());
    }

    private static ScenarioFinished withItems(ScenarioFinished e, List<ExecutedItem> items) {
        ScenarioResult r = e.result();
        ScenarioResult copy = new ScenarioResult(r.name(), r.tags(), r.status(), r.duration(), r.span(),
                r.retriesCount(), r.dataRow(), List.of(), items, List.of(), r.beforeHookFailure(),
                r.afterHookFailure(), r.hookMessages(), r.hookScreenshotFiles(), r.skipReasons(), r.id());
        return new ScenarioFinished(e.receivedAt(), e.context(), e.spec(), e.scenario(), copy, e.rawRequest());
    }

    private static String caseName(ScenarioFinished e) {
        return caseName(e.result(), e.scenario().name());
    }

    private static String caseName(ScenarioResult r, String scenarioName) {
        String name = r.name().isEmpty() ? scenarioName : r.name();
        Optional<dev.stepwise.reporter.event.DataRow> row = r.dataRow();
        if (row.isPresent()) {
            int index = row.get().scenarioTableRowIndex() >= 0 ? row.get().scenarioTableRowIndex()
                    : row.get().specTableRowIndex();
            name += " [row " + (index + 1) + "]";
        }
        return name;
    }

    private static String suiteName(SpecInfo spec) {
        return spec.name().isEmpty() ? Path.of(spec.fileName().isEmpty() ? "spec" : spec.fileName())
                .getFileName().toString() : spec.name();
    }

    private String uniqueName(String base) {
        String name = "TEST-" + base + ".xml";
        for (int i = 2; !written.add(name); i++) {
            name = "TEST-" + base + "-" + i + ".xml";
        }
        return name;
    }

    /** File-system-safe: the spec file's base name (or heading), plus a short hash of its path. */
    private static String baseName(SpecInfo spec) {
        String source = spec.fileName().isEmpty() ? spec.name()
                : SPEC_EXTENSION.matcher(Path.of(spec.fileName()).getFileName().toString()).replaceFirst("");
        String safe = UNSAFE_IN_FILE_NAME.matcher(source).replaceAll("_");
        if (safe.length() > 80) {
            safe = safe.substring(0, 80);
        }
        return safe + "-" + String.format("%08x", (spec.fileName() + "\0" + spec.name()).hashCode());
    }

    /** "1.234": seconds with three decimals, as Surefire writes them (once per test case: no Formatter). */
    static String seconds(long millis) {
        long ms = Math.max(0, millis);
        String fraction = Long.toString(ms % 1000);
        return ms / 1000 + "." + "000".substring(fraction.length()) + fraction;
    }

    private static void attr(Writer w, String name, String value) throws IOException {
        w.write(' ');
        w.write(name);
        w.write("=\"");
        w.write(escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"));
        w.write('"');
    }

    private static void property(Writer w, String name, String value) throws IOException {
        w.write("    <property");
        attr(w, "name", name);
        attr(w, "value", value);
        w.write("/>\n");
    }

    /** XML 1.0 text: escapes markup characters and drops characters XML cannot carry. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
                        if (c != 0xFFFE && c != 0xFFFF) {
                            sb.append(c);
                        }
                    }
                }
            }
        }
        return sb.toString();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void rethrow(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
