package dev.stepwise.plugins.messages;

import dev.stepwise.plugins.messages.GaugeToGherkin.GaugeStep;
import dev.stepwise.plugins.messages.GaugeToGherkin.Mapping;
import dev.stepwise.plugins.messages.GaugeToGherkin.ScenarioMap;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.event.ConceptFinished;
import dev.stepwise.reporter.event.ConceptStarting;
import dev.stepwise.reporter.event.DataRow;
import dev.stepwise.reporter.event.Failure;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioInfo;
import dev.stepwise.reporter.event.ScenarioResult;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecInfo;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.Status;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepInfo;
import dev.stepwise.reporter.event.StepResult;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;
import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.Convertor;
import io.cucumber.messages.IdGenerator;
import io.cucumber.messages.types.Attachment;
import io.cucumber.messages.types.AttachmentContentEncoding;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Hook;
import io.cucumber.messages.types.HookType;
import io.cucumber.messages.types.Meta;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.Product;
import io.cucumber.messages.types.Source;
import io.cucumber.messages.types.SourceMediaType;
import io.cucumber.messages.types.SourceReference;
import io.cucumber.messages.types.StepDefinition;
import io.cucumber.messages.types.StepDefinitionPattern;
import io.cucumber.messages.types.StepDefinitionPatternType;
import io.cucumber.messages.types.StepMatchArgumentsList;
import io.cucumber.messages.types.TestCase;
import io.cucumber.messages.types.TestCaseFinished;
import io.cucumber.messages.types.TestCaseStarted;
import io.cucumber.messages.types.TestRunFinished;
import io.cucumber.messages.types.TestRunStarted;
import io.cucumber.messages.types.TestStep;
import io.cucumber.messages.types.TestStepFinished;
import io.cucumber.messages.types.TestStepResult;
import io.cucumber.messages.types.TestStepResultStatus;
import io.cucumber.messages.types.TestStepStarted;
import io.cucumber.messages.types.Timestamp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the run as a Cucumber Messages stream while it happens (see docs/cucumber.md for the mapping).
 *
 * <p>Per spec, at its first SpecStarting: source + gherkinDocument + pickles (the spec mapped to Gherkin by
 * {@link GaugeToGherkin} and parsed by {@link GherkinParser} with the shared id generator) and one stepDefinition
 * per new Gauge step value. Per scenario attempt: testCase (first attempt only), testCaseStarted, a "before
 * scenario" hook step, the pickle steps (started/attachments/finished, steps that never ran finish SKIPPED), an
 * "after scenario" hook step that also carries teardown steps, testCaseFinished. Scenarios skipped before they
 * started (validation error, dead runner; they have no scenario events) are written when their spec finishes, as
 * an attempt whose every step, hooks included, finishes SKIPPED with the skip reasons as its message. Every id
 * referenced is emitted before it is referenced. State is kept per stream, so parallel runs interleave correctly.
 */
public final class MessagesReporter implements ReporterListener {
    private static final Pattern EXCEPTION_TYPE = Pattern.compile("^([\\w$.]+)(?::|$)");

    private final MessageSink sink;
    private final Path screenshotsDir;
    private final IdGenerator ids;
    private final String stepwiseVersion;
    private final Map<String, SpecState> specs = new HashMap<>();
    private final Map<String, String> stepDefinitionIds = new HashMap<>();
    private final Map<Integer, Attempt> attempts = new HashMap<>();
    private final String beforeHookId;
    private final String afterHookId;
    private String testRunStartedId;
    private boolean runFinished;

    public MessagesReporter(MessageSink sink, Path screenshotsDir, IdGenerator ids, String stepwiseVersion) {
        this.sink = sink;
        this.screenshotsDir = screenshotsDir;
        this.ids = ids;
        this.stepwiseVersion = stepwiseVersion;
        this.beforeHookId = ids.newId();
        this.afterHookId = ids.newId();
    }

    /** Random UUIDs, as Cucumber's own implementations use. */
    public static IdGenerator uuids() {
        return () -> UUID.randomUUID().toString();
    }

    // ---- run ------------------------------------------------------------------------------------

    private void ensureRunStarted(Instant at) throws IOException {
        if (testRunStartedId != null) {
            return;
        }
        testRunStartedId = ids.newId();
        sink.write(Envelope.of(new Meta("32.3.1", new Product("stepwise", stepwiseVersion),
                new Product(System.getProperty("java.vm.name"), System.getProperty("java.version")),
                new Product(System.getProperty("os.name"), System.getProperty("os.version")),
                new Product(System.getProperty("os.arch"), null), null)));
        sink.write(Envelope.of(new Hook(beforeHookId, "Gauge before scenario hooks", new SourceReference(null, null, null, null), null, HookType.BEFORE_TEST_CASE)));
        sink.write(Envelope.of(new Hook(afterHookId, "Gauge after scenario hooks and teardown steps", new SourceReference(null, null, null, null), null, HookType.AFTER_TEST_CASE)));
        sink.write(Envelope.of(new TestRunStarted(ts(at), testRunStartedId)));
    }

    @Override
    public void onSuiteStarting(SuiteStarting event) throws IOException {
        if (!event.hooksDone()) {
            ensureRunStarted(event.receivedAt());
        }
    }

    @Override
    public void onSuiteFinished(SuiteFinished event) throws IOException {
        // The final outcome comes with the suite result; nothing to write here.
    }

    @Override
    public void onSuiteResult(SuiteResultReady event) throws IOException {
        ensureRunStarted(event.receivedAt());
        var r = event.result();
        Optional<Failure> hook = r.beforeHookFailure().or(r::afterHookFailure);
        finishRun(event.receivedAt(), r.status() != Status.FAILED,
                hook.map(f -> exception(f)).orElse(null), hook.map(Failure::message).orElse(null));
    }

    @Override
    public void onKill() throws IOException {
        if (!runFinished && testRunStartedId != null) {
            finishRun(Instant.now(), false, null, "the run ended without a suite result (orchestrator stopped early)");
        }
    }

    private void finishRun(Instant at, boolean success, io.cucumber.messages.types.Exception ex, String message)
            throws IOException {
        if (runFinished) {
            return;
        }
        runFinished = true;
        sink.write(Envelope.of(new TestRunFinished(message, success, ts(at), ex, testRunStartedId)));
    }

    // ---- specs ----------------------------------------------------------------------------------

    @Override
    public void onSpecStarting(SpecStarting event) throws IOException {
        ensureRunStarted(event.receivedAt());
        spec(event.spec());
    }

    private SpecState spec(SpecInfo info) throws IOException {
        SpecState known = specs.get(info.fileName());
        if (known != null) {
            return known;
        }
        SpecState state = new SpecState();
        specs.put(info.fileName(), state);
        Path file = Path.of(info.fileName());
        String uri = uri(file);
        String text;
        Mapping mapping;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            mapping = GaugeToGherkin.map(text);
        } catch (IOException | RuntimeException e) {
            // The spec cannot be read or mapped: report it as a parse error of an empty document.
            sink.write(Envelope.of(new io.cucumber.messages.types.ParseError(
                    new io.cucumber.messages.types.SourceReference(uri, null, null, null),
                    "could not map the Gauge spec " + info.fileName() + " to Gherkin: " + e.getMessage())));
            return state;
        }
        state.mapping = mapping;
        GherkinParser parser = GherkinParser.builder().idGenerator(ids).build();
        Map<String, String> scenarioNameById = new HashMap<>();
        Iterable<Envelope> parsed = parser.parse(Envelope.of(new Source(uri, mapping.gherkin(),
                SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN)))::iterator;
        for (Envelope e : parsed) {
            e.getGherkinDocument().flatMap(GherkinDocument::getFeature).ifPresent(f -> collectScenarios(f, scenarioNameById));
            if (e.getPickle().isPresent()) {
                Pickle p = e.getPickle().get();
                String name = scenarioNameById.get(p.getAstNodeIds().get(0));
                if (name != null) {
                    state.pickles.computeIfAbsent(name, k -> new ArrayList<>()).add(new PickleRef(p));
                }
            }
            sink.write(e);
        }
        // One stepDefinition per Gauge step value; the runner's step index is out of a plugin's reach.
        for (ScenarioMap s : mapping.scenarios().values()) {
            for (GaugeStep step : s.steps()) {
                stepDefinitionId(step.value());
            }
        }
        return state;
    }

    private static void collectScenarios(Feature f, Map<String, String> out) {
        for (FeatureChild c : f.getChildren()) {
            c.getScenario().ifPresent(s -> out.put(s.getId(), s.getName()));
            c.getRule().ifPresent(r -> r.getChildren().forEach(rc -> rc.getScenario()
                    .ifPresent(s -> out.put(s.getId(), s.getName()))));
        }
    }

    private String stepDefinitionId(String value) throws IOException {
        String id = stepDefinitionIds.get(value);
        if (id == null) {
            id = ids.newId();
            stepDefinitionIds.put(value, id);
            sink.write(Envelope.of(new StepDefinition(id, new StepDefinitionPattern(cucumberExpression(value),
                    StepDefinitionPatternType.CUCUMBER_EXPRESSION), new SourceReference(null, null, null, null))));
        }
        return id;
    }

    /** Gauge's {} placeholders are Cucumber's anonymous parameter; everything else is literal. */
    static String cucumberExpression(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '{' && i + 1 < value.length() && value.charAt(i + 1) == '}') {
                b.append("{}");
                i++;
            } else {
                if ("\\(){}/".indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String uri(Path file) {
        String root = System.getenv("GAUGE_PROJECT_ROOT");
        Path abs = file.toAbsolutePath().normalize();
        if (root != null && !root.isBlank()) {
            Path r = Path.of(root).toAbsolutePath().normalize();
            if (abs.startsWith(r)) {
                return r.relativize(abs).toString().replace('\\', '/');
            }
        }
        return abs.toString().replace('\\', '/');
    }

    // ---- scenarios ------------------------------------------------------------------------------

    @Override
    public void onScenarioStarting(ScenarioStarting event) throws IOException {
        if (!event.hooksDone()) {
            return;
        }
        Attempt a = startAttempt(event.context().stream(), event.spec(), event.scenario(),
                event.result().flatMap(ScenarioResult::dataRow), event.receivedAt());
        if (a == null) {
            return;
        }
        ScenarioResult r = event.result().orElseThrow();
        Optional<Failure> before = r.beforeHookFailure();
        stepStarted(a, a.testCase.getTestSteps().get(0).getId(), event.receivedAt());
        for (String file : r.hookScreenshotFiles()) {
            screenshot(a, a.beforeStepId(), file, event.receivedAt());
        }
        stepFinished(a, a.beforeStepId(), before.isPresent() ? TestStepResultStatus.FAILED : TestStepResultStatus.PASSED,
                Duration.ZERO, before, event.receivedAt());
    }

    /**
     * A scenario skipped before it started gets one attempt here, when its spec ends: testCase (if new),
     * testCaseStarted, every test step started and finished SKIPPED with the reasons, testCaseFinished.
     */
    @Override
    public void onSpecFinished(SpecFinished event) throws IOException {
        if (event.result().unstartedScenarios().isEmpty()) {
            return;
        }
        Instant at = event.receivedAt();
        int stream = event.context().stream();
        Attempt inFlight = attempts.remove(stream);
        try {
            for (ScenarioResult r : event.result().unstartedScenarios()) {
                Attempt a = startAttempt(stream, event.spec(), new ScenarioInfo(r.name(), r.tags(), 0, 0),
                        r.dataRow(), at, true);
                if (a == null) {
                    continue;
                }
                attempts.remove(stream);
                Optional<Failure> reason = r.skipReasons().isEmpty() ? Optional.empty()
                        : Optional.of(Failure.of(String.join("; ", r.skipReasons()), ""));
                for (TestStep step : a.testCase.getTestSteps()) {
                    stepStarted(a, step.getId(), at);
                    stepFinished(a, step.getId(), TestStepResultStatus.SKIPPED, Duration.ZERO, reason, at);
                }
                sink.write(Envelope.of(new TestCaseFinished(a.startedId, ts(at), false)));
            }
        } finally {
            if (inFlight != null) {
                attempts.put(stream, inFlight);
            }
        }
    }

    private Attempt startAttempt(int stream, SpecInfo spec, ScenarioInfo scenario, Optional<DataRow> row, Instant at)
            throws IOException {
        return startAttempt(stream, spec, scenario, row, at, false);
    }

    /**
     * @param unstarted a scenario skipped before it started: an outline's rows may come without their row index
     *                  (Stepwise sends plain scenarios), so without one the first example row that has no test case
     *                  yet is taken
     */
    private Attempt startAttempt(int stream, SpecInfo spec, ScenarioInfo scenario, Optional<DataRow> row, Instant at,
                                 boolean unstarted) throws IOException {
        ensureRunStarted(at);
        SpecState s = spec(spec);
        List<PickleRef> pickles = s.pickles.get(scenario.name());
        ScenarioMap map = s.mapping == null ? null : s.mapping.scenarios().get(scenario.name());
        if (pickles == null || pickles.isEmpty() || map == null) {
            System.err.println("cucumber-messages: no pickle for scenario '" + scenario.name() + "' in "
                    + spec.fileName() + "; its results are left out of the stream");
            attempts.remove(stream);
            return null;
        }
        int index = 0;
        if (map.outline() && row.isPresent()) {
            DataRow d = row.get();
            index = d.scenarioTableRowIndex() >= 0 ? d.scenarioTableRowIndex() : Math.max(0, d.specTableRowIndex());
        } else if (map.outline() && unstarted) {
            while (index < pickles.size() - 1 && pickles.get(index).testCase != null) {
                index++;
            }
        }
        PickleRef p = pickles.get(Math.min(index, pickles.size() - 1));
        if (p.testCase == null) {
            List<TestStep> steps = new ArrayList<>();
            steps.add(new TestStep(beforeHookId, ids.newId(), null, null, null));
            List<PickleStep> ps = p.pickle.getSteps();
            for (int i = 0; i < ps.size(); i++) {
                String value = i < map.steps().size() ? map.steps().get(i).value() : ps.get(i).getText();
                steps.add(new TestStep(null, ids.newId(), ps.get(i).getId(), List.of(stepDefinitionId(value)),
                        List.of(new StepMatchArgumentsList(List.of()))));
            }
            steps.add(new TestStep(afterHookId, ids.newId(), null, null, null));
            p.testCase = new TestCase(ids.newId(), p.pickle.getId(), steps, testRunStartedId);
            sink.write(Envelope.of(p.testCase));
        }
        Attempt a = new Attempt(p.testCase, map, s.mapping.teardown(), ids.newId(), scenario);
        attempts.put(stream, a);
        sink.write(Envelope.of(new TestCaseStarted((long) scenario.currentRetry(), a.startedId, p.testCase.getId(),
                stream > 0 ? String.valueOf(stream) : null, ts(at))));
        return a;
    }

    @Override
    public void onConceptStarting(ConceptStarting event) throws IOException {
        Attempt a = attempts.get(event.context().stream());
        if (a != null && a.depth++ == 0) {
            topLevelStepStarting(a, event.concept(), event.receivedAt());
        }
    }

    @Override
    public void onConceptFinished(ConceptFinished event) throws IOException {
        Attempt a = attempts.get(event.context().stream());
        if (a != null && --a.depth == 0) {
            StepResult r = event.result().orElse(new StepResult(Status.PASSED, Duration.ZERO, Optional.empty(),
                    false, List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty()));
            topLevelStepFinished(a, r, event.receivedAt());
        }
    }

    @Override
    public void onStepStarting(StepStarting event) throws IOException {
        Attempt a = attempts.get(event.context().stream());
        if (a == null) {
            a = startAttempt(event.context().stream(), event.spec(), event.scenario(), Optional.empty(),
                    event.receivedAt());
            if (a == null) {
                return;
            }
            stepStarted(a, a.beforeStepId(), event.receivedAt());
            stepFinished(a, a.beforeStepId(), TestStepResultStatus.PASSED, Duration.ZERO, Optional.empty(),
                    event.receivedAt());
        }
        if (!event.hooksDone() && a.depth == 0) {
            topLevelStepStarting(a, event.step(), event.receivedAt());
        }
    }

    @Override
    public void onStepFinished(StepFinished event) throws IOException {
        Attempt a = attempts.get(event.context().stream());
        if (a != null && a.depth == 0) {
            topLevelStepFinished(a, event.result(), event.receivedAt());
        }
    }

    private void topLevelStepStarting(Attempt a, StepInfo step, Instant at) throws IOException {
        int match = -1;
        for (int i = a.cursor; i < a.map.steps().size(); i++) {
            if (a.map.steps().get(i).text().equals(step.actualText())) {
                match = i;
                break;
            }
        }
        if (match < 0) {
            // Not one of the scenario's remaining steps: a teardown step, reported on the after hook.
            a.current = -1;
            if (!a.afterStarted) {
                skipRemaining(a, at);
                stepStarted(a, a.afterStepId(), at);
                a.afterStarted = true;
            }
            return;
        }
        for (int i = a.cursor; i < match; i++) {
            skip(a, i, at);
        }
        a.cursor = match;
        a.current = match;
        stepStarted(a, a.pickleStepId(match), at);
    }

    private void topLevelStepFinished(Attempt a, StepResult r, Instant at) throws IOException {
        Optional<Failure> failure = r.beforeHookFailure().or(r::failure).or(r::afterHookFailure);
        if (a.current < 0) {
            String id = a.afterStepId();
            attach(a, id, r, at);
            if (failure.isPresent() && a.teardownFailure.isEmpty()) {
                a.teardownFailure = failure;
            }
            return;
        }
        String id = a.pickleStepId(a.current);
        attach(a, id, r, at);
        TestStepResultStatus status = failure.isPresent() || r.status() == Status.FAILED ? TestStepResultStatus.FAILED
                : r.status() == Status.SKIPPED ? TestStepResultStatus.SKIPPED : TestStepResultStatus.PASSED;
        Optional<Failure> shown = failure.isPresent() ? failure
                : r.skipReason().map(reason -> Failure.of(reason, ""));
        stepFinished(a, id, status, r.duration(), shown, at);
        a.cursor = a.current + 1;
        a.current = -2;
    }

    private void attach(Attempt a, String stepId, StepResult r, Instant at) throws IOException {
        for (String m : r.messages()) {
            sink.write(Envelope.of(new Attachment(m, AttachmentContentEncoding.IDENTITY, null, "text/plain", null,
                    a.startedId, stepId, null, null, null, ts(at))));
        }
        for (String m : r.hookMessages()) {
            sink.write(Envelope.of(new Attachment(m, AttachmentContentEncoding.IDENTITY, null, "text/plain", null,
                    a.startedId, stepId, null, null, null, ts(at))));
        }
        for (String file : r.screenshotFiles()) {
            screenshot(a, stepId, file, at);
        }
    }

    private void screenshot(Attempt a, String stepId, String file, Instant at) throws IOException {
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            path = screenshotsDir.resolve(file);
        }
        if (!Files.isRegularFile(path)) {
            sink.write(Envelope.of(new Attachment("screenshot not found: " + path, AttachmentContentEncoding.IDENTITY,
                    null, "text/plain", null, a.startedId, stepId, null, null, null, ts(at))));
            return;
        }
        String body = Base64.getEncoder().encodeToString(Files.readAllBytes(path));
        sink.write(Envelope.of(new Attachment(body, AttachmentContentEncoding.BASE64, path.getFileName().toString(),
                mediaType(path), null, a.startedId, stepId, null, null, null, ts(at))));
    }

    static String mediaType(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
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
        if (n.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    @Override
    public void onScenarioFinished(ScenarioFinished event) throws IOException {
        Attempt a = attempts.remove(event.context().stream());
        if (a == null) {
            return;
        }
        Instant at = event.receivedAt();
        ScenarioResult r = event.result();
        if (!a.afterStarted) {
            skipRemaining(a, at);
            stepStarted(a, a.afterStepId(), at);
        }
        for (String m : r.hookMessages()) {
            sink.write(Envelope.of(new Attachment(m, AttachmentContentEncoding.IDENTITY, null, "text/plain", null,
                    a.startedId, a.afterStepId(), null, null, null, ts(at))));
        }
        Optional<Failure> after = r.afterHookFailure().or(() -> a.teardownFailure);
        stepFinished(a, a.afterStepId(), after.isPresent() ? TestStepResultStatus.FAILED : TestStepResultStatus.PASSED,
                Duration.ZERO, after, at);
        boolean willBeRetried = r.status() == Status.FAILED && a.scenario.currentRetry() < a.scenario.maxRetries();
        sink.write(Envelope.of(new TestCaseFinished(a.startedId, ts(at), willBeRetried)));
    }

    private void skipRemaining(Attempt a, Instant at) throws IOException {
        for (int i = a.cursor; i < a.map.steps().size() && i < a.testCase.getTestSteps().size() - 2; i++) {
            skip(a, i, at);
        }
        a.cursor = a.map.steps().size();
    }

    private void skip(Attempt a, int index, Instant at) throws IOException {
        stepStarted(a, a.pickleStepId(index), at);
        stepFinished(a, a.pickleStepId(index), TestStepResultStatus.SKIPPED, Duration.ZERO, Optional.empty(), at);
    }

    private void stepStarted(Attempt a, String stepId, Instant at) throws IOException {
        sink.write(Envelope.of(new TestStepStarted(a.startedId, stepId, ts(at))));
    }

    private void stepFinished(Attempt a, String stepId, TestStepResultStatus status, Duration d,
                              Optional<Failure> failure, Instant at) throws IOException {
        String message = failure.map(f -> f.stackTrace().isBlank() ? f.message() : f.message() + "\n" + f.stackTrace())
                .orElse(null);
        io.cucumber.messages.types.Exception ex = status == TestStepResultStatus.FAILED
                ? failure.map(MessagesReporter::exception).orElse(null) : null;
        sink.write(Envelope.of(new TestStepFinished(a.startedId, stepId,
                new TestStepResult(Convertor.toMessage(d), message, status, ex), ts(at))));
    }

    static io.cucumber.messages.types.Exception exception(Failure f) {
        Matcher m = EXCEPTION_TYPE.matcher(f.stackTrace().strip());
        String type = m.find() && m.group(1).contains(".") ? m.group(1) : "GaugeStepFailure";
        return new io.cucumber.messages.types.Exception(type, f.message(),
                f.stackTrace().isBlank() ? null : f.stackTrace());
    }

    private static Timestamp ts(Instant at) {
        return Convertor.toMessage(at);
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }

    // ---- state ----------------------------------------------------------------------------------

    private static final class SpecState {
        Mapping mapping;
        final Map<String, List<PickleRef>> pickles = new LinkedHashMap<>();
    }

    private static final class PickleRef {
        final Pickle pickle;
        TestCase testCase;

        PickleRef(Pickle pickle) {
            this.pickle = pickle;
        }
    }

    private static final class Attempt {
        final TestCase testCase;
        final ScenarioMap map;
        final List<GaugeStep> teardown;
        final String startedId;
        final ScenarioInfo scenario;
        int cursor;
        int current = -2;
        int depth;
        boolean afterStarted;
        Optional<Failure> teardownFailure = Optional.empty();

        Attempt(TestCase testCase, ScenarioMap map, List<GaugeStep> teardown, String startedId, ScenarioInfo scenario) {
            this.testCase = testCase;
            this.map = map;
            this.teardown = teardown;
            this.startedId = startedId;
            this.scenario = scenario;
        }

        String beforeStepId() {
            return testCase.getTestSteps().get(0).getId();
        }

        String afterStepId() {
            return testCase.getTestSteps().get(testCase.getTestSteps().size() - 1).getId();
        }

        String pickleStepId(int index) {
            return testCase.getTestSteps().get(index + 1).getId();
        }
    }
}
