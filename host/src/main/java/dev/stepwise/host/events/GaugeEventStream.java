package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.host.adapter.ProtoMapper;
import dev.stepwise.host.adapter.SpecProtoMapper;
import dev.stepwise.host.execution.ExecutionEvents;
import dev.stepwise.host.execution.ExecutionState;
import dev.stepwise.host.execution.Failure;
import dev.stepwise.host.execution.Outcome;
import dev.stepwise.host.execution.RunnerClient;
import dev.stepwise.host.execution.ScenarioResult;
import dev.stepwise.host.execution.SpecResult;
import dev.stepwise.host.execution.Status;
import dev.stepwise.host.execution.SuiteResult;
import dev.stepwise.host.parser.ExecutableStep;
import dev.stepwise.host.parser.Scenario;
import dev.stepwise.host.parser.Spec;
import dev.stepwise.host.parser.Step;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.Error;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.ProtoConcept;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoHookFailure;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoScenarioResult;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoStepExecutionResult;
import dev.stepwise.proto.ProtoStepResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ProtoTableDrivenScenario;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns the orchestrator's {@link ExecutionEvents} into Gauge's Reporter requests, in Gauge's order and with the
 * results filled as Gauge fills them (gauge-protocol.md sections 2 and 4), and hands them to an {@link EventSink}.
 *
 * <h2>What is sent, and what is deliberately not</h2>
 * Results stream; this class never holds the suite as one object graph:
 * <ul>
 *   <li>Step and scenario notifications carry the full {@code ProtoStep}/{@code ProtoScenario} of that step or
 *       scenario run (contexts, steps, concepts with their steps, teardown, hook failures, messages, screenshots).
 *       Only the scenario in flight is held.</li>
 *   <li>{@code SpecExecutionEnding}'s {@code ProtoSpecResult} has the counts, hook failures, errors and timestamps,
 *       but its {@code protoSpec.items} hold only the scenarios that never started (skipped for a validation error,
 *       a dead runner or a failed data store): those get no scenario notifications, as in Gauge, so this is the
 *       only place a reporter learns about them. Scenarios that ran were already sent in full.</li>
 *   <li>The final {@code SuiteExecutionResult} has one {@code ProtoSpecResult} per spec with counts, status, errors
 *       and hook failures, and a {@code protoSpec} with heading, file and tags but <b>no items</b>
 *       ({@code itemCount} holds how many scenario runs it had). Gauge sends the whole tree here; that message is
 *       what runs out of memory on large suites (user-pain theme 4). A reporter that needs the items builds them
 *       from the scenario notifications.</li>
 * </ul>
 * In a parallel run every stream gets its own view ({@link #forStream(int)}) with its own spec and scenario in
 * flight; the views share the sink (which must take concurrent calls, see {@link EventSink#serialized}) and the
 * suite's spec headers. The final {@code SuiteExecutionResult} merges the parts of a spec file that ran as several
 * units and lists the specs in path order, whatever order the streams finished in. Each object (the suite object
 * and each view) is called from one thread at a time.
 */
public final class GaugeEventStream implements ExecutionEvents {
    /** Gauge's legacy {@code timestamp} layout, "Jan 2, 2006 at 3:04pm". */
    private static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("MMM d, yyyy 'at' h:mma", Locale.ENGLISH);

    private final EventSink sink;
    private final Clock clock;
    private final String environment;
    private final String tags;
    private final Instant suiteStart;

    // Suite (shared by the stream views).
    private String projectName = "";
    private final ProtoSuiteResult.Builder suite;
    private final List<ProtoSpecResult> specHeaders;
    private boolean suiteStarted;

    // The spec in flight.
    private Spec spec;
    private ProtoSpec.Builder specProto;
    private ProtoSpecResult.Builder specResult;
    private boolean specFailed;
    private Instant specStart;

    // The scenario run in flight.
    private ProtoScenario.Builder scenario;
    private Scenario scenarioModel;
    private int specRow;
    private int scenarioRow;
    private ExecutionState scenarioInfo;
    private Instant scenarioStart;
    private final Deque<OpenConcept> concepts = new ArrayDeque<>();

    // The step in flight.
    private ProtoStep.Builder step;
    private ProtoStepExecutionResult.Builder stepResult;
    private Step stepTop;

    private record OpenConcept(Step concept, Step top, ProtoConcept.Builder proto) {
    }

    /**
     * @param sink        where the requests go
     * @param environment the environments of the run, comma-joined ({@code ProtoSuiteResult.environment})
     * @param tags        the {@code --tags} expression, or empty
     * @param clock       timestamps
     */
    public GaugeEventStream(EventSink sink, String environment, String tags, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.tags = Objects.requireNonNull(tags, "tags");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.suiteStart = clock.instant();
        this.suite = ProtoSuiteResult.newBuilder();
        this.specHeaders = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private GaugeEventStream(GaugeEventStream parent) {
        this.sink = parent.sink;
        this.environment = parent.environment;
        this.tags = parent.tags;
        this.clock = parent.clock;
        this.suiteStart = parent.suiteStart;
        this.suite = parent.suite;
        this.specHeaders = parent.specHeaders;
        this.projectName = parent.projectName;
    }

    /** A view for one stream: its own spec and scenario in flight, the suite's sink and spec headers. */
    @Override
    public ExecutionEvents forStream(int stream) {
        return new GaugeEventStream(this);
    }

    // ---------------------------------------------------------------- suite

    @Override
    public void suiteStarting(ExecutionState state) {
        projectName = state.projectName();
        suiteStarted = true;
        emit(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(state)).build());
    }

    @Override
    public void suiteStarted(ExecutionState state, Outcome before) {
        if (before.failed()) {
            suite.setPreHookFailure(hookFailure(before));
            suite.setFailed(true);
        }
        suite.addAllPreHookMessages(before.messages()).addAllPreHookScreenshotFiles(before.screenshotFiles());
        emit(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(state))
                .setSuiteResult(suiteSoFar()).build());
    }

    @Override
    public void suiteEnding(ExecutionState state) {
        emit(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(state)).build());
    }

    @Override
    public void suiteFinished(SuiteResult r) {
        closeSpec(null);
        List<ProtoSpecResult> specs;
        synchronized (specHeaders) {
            specs = mergeSpecResults(specHeaders);
        }
        ProtoSuiteResult.Builder b = suiteSoFar().toBuilder().addAllSpecResults(specs)
                .setSpecsFailedCount(r.specsFailed()).setSpecsSkippedCount(r.specsSkipped())
                .setExecutionTime(r.wallMillis())
                .setFailed(suite.getFailed() || r.exitCode() != 0 && r.exitCode() != 3)
                .setSuccessRate(successRate(r.specsExecuted(), r.specsFailed(), r.specsSkipped()));
        emit(SuiteExecutionResult.newBuilder().setSuiteResult(b).build());
    }

    /**
     * One result per spec file, in file-name order: parts of a file that ran as separate units (scenario units, or
     * shards merged by {@code stepwise merge}) become one, as Gauge's {@code mergeDataTableSpecResults} does:
     * counts add, failed is OR'd, skipped only if every part was, errors and hook failures concatenate, and the
     * time is the longest part's (parts run side by side).
     */
    public static List<ProtoSpecResult> mergeSpecResults(List<ProtoSpecResult> parts) {
        java.util.Map<String, ProtoSpecResult.Builder> byFile = new java.util.TreeMap<>();
        for (ProtoSpecResult p : parts) {
            String file = p.getProtoSpec().getFileName();
            ProtoSpecResult.Builder m = byFile.get(file);
            if (m == null) {
                byFile.put(file, p.toBuilder());
                continue;
            }
            ProtoSpec.Builder spec = m.getProtoSpecBuilder();
            spec.setItemCount(spec.getItemCount() + p.getProtoSpec().getItemCount())
                    .addAllPreHookFailures(p.getProtoSpec().getPreHookFailuresList())
                    .addAllPostHookFailures(p.getProtoSpec().getPostHookFailuresList())
                    .addAllPreHookMessages(p.getProtoSpec().getPreHookMessagesList())
                    .addAllPostHookMessages(p.getProtoSpec().getPostHookMessagesList())
                    .addAllItems(p.getProtoSpec().getItemsList());
            m.setScenarioCount(m.getScenarioCount() + p.getScenarioCount())
                    .setScenarioFailedCount(m.getScenarioFailedCount() + p.getScenarioFailedCount())
                    .setScenarioSkippedCount(m.getScenarioSkippedCount() + p.getScenarioSkippedCount())
                    .setExecutionTime(Math.max(m.getExecutionTime(), p.getExecutionTime()))
                    .setFailed(m.getFailed() || p.getFailed()).setSkipped(m.getSkipped() && p.getSkipped())
                    .addAllErrors(p.getErrorsList());
            for (int row : p.getFailedDataTableRowsList()) {
                if (!m.getFailedDataTableRowsList().contains(row)) {
                    m.addFailedDataTableRows(row);
                }
            }
        }
        return byFile.values().stream().map(ProtoSpecResult.Builder::build).toList();
    }

    /** Gauge: the share of specs that neither failed nor were skipped, in percent; 0 when nothing ran. */
    static float successRate(int specs, int failed, int skipped) {
        return specs == 0 ? 0f : (specs - failed - skipped) * 100f / specs;
    }

    private ProtoSuiteResult suiteSoFar() {
        Instant now = clock.instant();
        return suite.clone().setProjectName(projectName).setEnvironment(environment).setTags(tags)
                .setTimestamp(LEGACY.format(suiteStart.atZone(ZoneId.systemDefault()))
                        .replace("AM", "am").replace("PM", "pm"))
                .setTimestampISO(suiteStart.toString())
                .setExecutionTime(now.toEpochMilli() - suiteStart.toEpochMilli()).build();
    }

    @Override
    public void afterHook(RunnerClient.Level level, Outcome after) {
        switch (level) {
            case SUITE -> {
                if (after.failed()) {
                    suite.setPostHookFailure(hookFailure(after)).setFailed(true);
                }
                suite.addAllPostHookMessages(after.messages()).addAllPostHookScreenshotFiles(after.screenshotFiles());
                emit(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(suiteInfo())
                        .setSuiteResult(suiteSoFar()).build());
            }
            case SPEC -> {
                if (specProto != null) {
                    if (after.failed()) {
                        specProto.addPostHookFailures(hookFailure(after));
                        specFailed = true;
                    }
                    specProto.addAllPostHookMessages(after.messages())
                            .addAllPostHookScreenshotFiles(after.screenshotFiles());
                }
            }
            case SCENARIO -> {
                if (scenario != null) {
                    if (after.failed()) {
                        scenario.setPostHookFailure(hookFailure(after));
                    }
                    scenario.addAllPostHookMessages(after.messages())
                            .addAllPostHookScreenshotFiles(after.screenshotFiles());
                }
            }
        }
    }

    // ---------------------------------------------------------------- spec

    @Override
    public void specStarting(ExecutionState state, Spec s) {
        closeSpec(null);
        projectName = state.projectName();
        spec = s;
        specProto = SpecProtoMapper.header(s);
        specResult = ProtoSpecResult.newBuilder();
        specFailed = false;
        specStart = clock.instant();
        emit(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, false)).build());
    }

    @Override
    public void specStarted(ExecutionState state, Outcome before) {
        if (specProto == null) {
            return;
        }
        if (before.failed()) {
            specProto.addPreHookFailures(hookFailure(before));
            specFailed = true;
        }
        specProto.addAllPreHookMessages(before.messages()).addAllPreHookScreenshotFiles(before.screenshotFiles());
        ProtoSpecResult partial = specResult.clone().setProtoSpec(specProto.clone()).setFailed(specFailed)
                .setTimestampISO(specStart.toString()).build();
        emit(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, specFailed))
                .setSpecResult(partial).build());
    }

    @Override
    public void specFinished(SpecResult r) {
        closeScenario(null);
        boolean started = specProto != null && spec != null
                && spec.file().toAbsolutePath().normalize().equals(r.file().toAbsolutePath().normalize());
        closeSpec(r, started);
    }

    private void closeSpec(SpecResult r) {
        if (specProto != null) {
            closeScenario(null);
            closeSpec(r, true);
        }
    }

    /** Sends SpecExecutionEnding for a started spec and remembers the spec's header for the suite result. */
    private void closeSpec(SpecResult r, boolean started) {
        ProtoSpec.Builder proto = started ? specProto : ProtoSpec.newBuilder()
                .setSpecHeading(r.heading()).setFileName(r.file().toAbsolutePath().toString());
        ProtoSpecResult.Builder result = started ? specResult : ProtoSpecResult.newBuilder();
        if (r != null) {
            for (Failure f : r.failures()) {
                if (f.where().equals("parse error") || f.where().equals("selection")) {
                    result.addErrors(Error.newBuilder().setType(Error.ErrorType.PARSE_ERROR)
                            .setFilename(f.file().toString()).setLineNumber(f.line()).setMessage(f.message()));
                }
            }
            result.setScenarioCount(r.passed() + r.failed() + r.skipped()).setScenarioFailedCount(r.failed())
                    .setScenarioSkippedCount(r.skipped()).setExecutionTime(r.durationMillis())
                    .setFailed(r.status() == Status.FAILED).setSkipped(r.status() == Status.SKIPPED);
        } else {
            result.setFailed(specFailed || result.getScenarioFailedCount() > 0);
        }
        Instant start = started && specStart != null ? specStart : clock.instant();
        result.setTimestampISO(start.toString()).setTimestamp(start.toString());
        ProtoSpecResult full = result.setProtoSpec(proto.setItemCount(result.getScenarioCount())).build();
        if (started) {
            ExecutionInfo.Builder info = specInfo(scenarioInfoOr(), full.getFailed()).toBuilder().clearCurrentScenario()
                    .clearCurrentStep();
            emit(SpecExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info).setSpecResult(full).build());
        }
        // The suite result keeps the header only: no items (see the class comment).
        specHeaders.add(full.toBuilder().setProtoSpec(full.getProtoSpec().toBuilder().clearItems()).build());
        spec = null;
        specProto = null;
        specResult = null;
        scenarioInfo = null;
    }

    // ---------------------------------------------------------------- scenario

    @Override
    public void scenarioStarting(ExecutionState state, Scenario sc, int specRowIndex, int scenarioRowIndex) {
        closeScenario(null);
        scenarioModel = sc;
        specRow = specRowIndex;
        scenarioRow = scenarioRowIndex;
        scenarioStart = clock.instant();
        scenarioInfo = state;
        scenario = ProtoScenario.newBuilder().setScenarioHeading(sc.heading()).addAllTags(sc.tags())
                .setSpan(dev.stepwise.proto.Span.newBuilder().setStart(sc.spanStart()).setEnd(sc.spanEnd()))
                .setID(scenarioId(sc));
        emit(ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, false)).build());
    }

    @Override
    public void scenarioStarted(ExecutionState state, Outcome before) {
        if (scenario == null) {
            return;
        }
        scenarioInfo = state;
        if (before.failed()) {
            scenario.setPreHookFailure(hookFailure(before)).setFailed(true);
        }
        if (before.skipScenario() && !before.failed()) {
            scenario.setSkipped(true);
        }
        scenario.addAllPreHookMessages(before.messages()).addAllPreHookScreenshotFiles(before.screenshotFiles());
        ProtoScenario.Builder partial = scenario.clone().setExecutionTime(before.timeMillis());
        emit(ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, false))
                .setScenarioResult(scenarioResult(partial, before.timeMillis())).build());
    }

    @Override
    public void scenarioFinished(ScenarioResult r) {
        if (scenario == null || spec == null || !r.heading().equals(scenarioModel.heading())) {
            notRun(r);
            return;
        }
        closeScenario(r);
    }

    /** A scenario skipped before it started: part of the spec result only (Gauge sends it nowhere else). */
    private void notRun(ScenarioResult r) {
        if (specProto == null) {
            return;
        }
        Scenario model = spec.scenarios().stream().filter(s -> s.line() == r.line()).findFirst().orElse(null);
        ProtoScenario.Builder b = model != null ? SpecProtoMapper.scenario(model).toBuilder()
                : ProtoScenario.newBuilder().setScenarioHeading(r.heading());
        b.setSkipped(r.status() == Status.SKIPPED).setFailed(r.status() == Status.FAILED)
                .setExecutionStatus(status(r.status())).addAllSkipErrors(r.skipReasons());
        specProto.addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(b));
    }

    private void closeScenario(ScenarioResult r) {
        if (scenario == null) {
            return;
        }
        closeStep(r);
        while (!concepts.isEmpty()) {
            closeConcept(true);
        }
        Status status = r == null ? Status.FAILED : r.status();
        long millis = r == null ? 0 : r.durationMillis();
        scenario.setExecutionTime(millis).setExecutionStatus(status(status)).setFailed(status == Status.FAILED)
                .setSkipped(status == Status.SKIPPED);
        if (r != null) {
            scenario.addAllSkipErrors(r.skipReasons()).setRetriesCount(r.attempt() - 1);
        }
        if (status == Status.FAILED && (r == null || r.finalAttempt())) {
            specFailed = true;
            if (specRow >= 0 && !specResult.getFailedDataTableRowsList().contains(specRow)) {
                specResult.addFailedDataTableRows(specRow);
            }
        }
        ExecutionState st = scenarioInfo;
        ExecutionInfo.Builder info = specInfo(st, specFailed).toBuilder().clearCurrentStep();
        if (info.hasCurrentScenario()) {
            info.getCurrentScenarioBuilder().setIsFailed(status == Status.FAILED);
        }
        emit(ScenarioExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info)
                .setScenarioResult(scenarioResult(scenario, millis)).build());
        scenario = null;
        scenarioModel = null;
    }

    private ProtoScenarioResult scenarioResult(ProtoScenario.Builder s, long millis) {
        ProtoItem item;
        if (specRow >= 0 || scenarioRow >= 0) {
            ProtoTableDrivenScenario.Builder t = ProtoTableDrivenScenario.newBuilder().setScenario(s)
                    .setIsSpecTableDriven(specRow >= 0).setTableRowIndex(Math.max(specRow, 0))
                    .setIsScenarioTableDriven(scenarioRow >= 0).setScenarioTableRowIndex(Math.max(scenarioRow, 0));
            if (scenarioRow >= 0 && scenarioModel != null && scenarioModel.dataTable().isPresent()) {
                var table = scenarioModel.dataTable().get().table();
                t.setScenarioDataTable(ProtoMapper.table(table));
                if (scenarioRow < table.rows().size()) {
                    t.setScenarioTableRow(dev.stepwise.proto.ProtoTable.newBuilder()
                            .setHeaders(dev.stepwise.proto.ProtoTableRow.newBuilder().addAllCells(table.headers()))
                            .addRows(dev.stepwise.proto.ProtoTableRow.newBuilder()
                                    .addAllCells(table.rows().get(scenarioRow).values())));
                }
            }
            item = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.TableDrivenScenario)
                    .setTableDrivenScenario(t).build();
        } else {
            item = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(s).build();
        }
        return ProtoScenarioResult.newBuilder().setProtoItem(item).setExecutionTime(millis)
                .setTimestamp(scenarioStart.toString()).setTimestampISO(scenarioStart.toString()).build();
    }

    // ---------------------------------------------------------------- concepts and steps

    @Override
    public void conceptStarting(ExecutionState state, Step concept, Step top) {
        if (scenario == null) {
            return;
        }
        closeStep(null);
        closeConceptsNotOf(top);
        ProtoStep conceptStep = SpecProtoMapper.executedStep(concept.text(), concept.value(),
                state.step() == null ? List.of() : state.step().call().parameters());
        concepts.push(new OpenConcept(concept, top, ProtoConcept.newBuilder().setConceptStep(conceptStep)));
        emit(ConceptExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, specFailed))
                .setStepResult(ProtoStepResult.newBuilder().setProtoItem(ProtoItem.newBuilder()
                        .setItemType(ProtoItem.ItemType.Concept).setConcept(ProtoConcept.newBuilder()
                                .setConceptStep(conceptStep)))).build());
    }

    @Override
    public void conceptFinished(ExecutionState state, Step concept) {
        if (concepts.isEmpty() || concepts.peek().concept() != concept) {
            return;
        }
        closeStep(null);
        ProtoItem item = closeConcept(false);
        emit(ConceptExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, specFailed))
                .setStepResult(ProtoStepResult.newBuilder().setProtoItem(item)
                        .setExecutionTime(item.getConcept().getConceptExecutionResult().getExecutionResult()
                                .getExecutionTime())).build());
    }

    /** Pops the innermost open concept, gives it a result from its steps, adds it to its parent. */
    private ProtoItem closeConcept(boolean endedByFailure) {
        OpenConcept c = concepts.pop();
        boolean failed = endedByFailure;
        boolean recoverable = true;
        long millis = 0;
        for (ProtoItem child : c.proto().getStepsList()) {
            ProtoStepExecutionResult r = child.hasConcept() ? child.getConcept().getConceptExecutionResult()
                    : child.getStep().getStepExecutionResult();
            millis += r.getExecutionResult().getExecutionTime();
            if (r.getExecutionResult().getFailed() || r.hasPreHookFailure() || r.hasPostHookFailure()) {
                failed = true;
                recoverable = r.getExecutionResult().getRecoverableError();
            }
        }
        ProtoExecutionResult.Builder er = ProtoExecutionResult.newBuilder().setFailed(failed)
                .setRecoverableError(failed && recoverable).setExecutionTime(millis);
        c.proto().setConceptExecutionResult(ProtoStepExecutionResult.newBuilder().setExecutionResult(er));
        ProtoItem item = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Concept).setConcept(c.proto()).build();
        addItem(item, c.top());
        return item;
    }

    private void closeConceptsNotOf(Step top) {
        while (!concepts.isEmpty() && concepts.peek().top() != top) {
            closeConcept(true);
        }
    }

    @Override
    public void stepStarting(ExecutionState state, ExecutableStep leaf, Step top) {
        if (scenario == null) {
            return;
        }
        closeStep(null);
        closeConceptsNotOf(top);
        stepTop = top;
        step = SpecProtoMapper.executedStep(leaf.step().text(), leaf.step().value(), leaf.parameters()).toBuilder();
        stepResult = ProtoStepExecutionResult.newBuilder();
        emit(StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, specFailed)).build());
    }

    @Override
    public void stepStarted(ExecutionState state, Outcome before) {
        if (step == null) {
            return;
        }
        if (before.failed()) {
            stepResult.setPreHookFailure(hookFailure(before));
        }
        step.addAllPreHookMessages(before.messages()).addAllPreHookScreenshotFiles(before.screenshotFiles());
        emit(StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, specFailed))
                .setStepResult(stepResult(before.timeMillis())).build());
    }

    @Override
    public void stepFinished(ExecutionState state, Outcome exec, Outcome after) {
        if (step == null) {
            return;
        }
        long millis = after.timeMillis();
        if (exec != null) {
            millis += exec.timeMillis();
            stepResult.setExecutionResult(ProtoExecutionResult.newBuilder().setFailed(exec.failed())
                    .setRecoverableError(exec.recoverable()).setErrorMessage(exec.errorMessage())
                    .setStackTrace(exec.stackTrace()).setExecutionTime(millis).addAllMessage(exec.messages())
                    .addAllScreenshotFiles(exec.screenshotFiles()).setSkipScenario(exec.skipScenario()));
        } else {
            stepResult.setSkipped(true).setSkippedReason("before-step hook failed");
        }
        if (after.failed()) {
            stepResult.setPostHookFailure(hookFailure(after));
        }
        step.addAllPostHookMessages(after.messages()).addAllPostHookScreenshotFiles(after.screenshotFiles());
        ProtoStepResult result = stepResult(millis);
        emit(StepExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(specInfo(state, specFailed))
                .setStepResult(result).build());
        addItem(result.getProtoItem(), stepTop);
        step = null;
        stepResult = null;
    }

    /** A step that never got FinishStepExecution (the runner died): kept in the tree as failed. */
    private void closeStep(ScenarioResult r) {
        if (step == null) {
            return;
        }
        String why = "the step did not finish";
        if (r != null && !r.failures().isEmpty()) {
            why = r.failures().get(r.failures().size() - 1).message();
        }
        stepResult.setExecutionResult(ProtoExecutionResult.newBuilder().setFailed(true).setErrorMessage(why));
        addItem(stepResult(0).getProtoItem(), stepTop);
        step = null;
        stepResult = null;
    }

    private ProtoStepResult stepResult(long millis) {
        ProtoStep s = step.clone().setStepExecutionResult(stepResult.clone()).build();
        Instant now = clock.instant();
        return ProtoStepResult.newBuilder().setProtoItem(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step)
                .setStep(s)).setExecutionTime(millis).setTimestamp(now.toString()).setTimestampISO(now.toString())
                .build();
    }

    /** Into the open concept, else into the scenario's contexts, steps or teardown, by the spec-level step. */
    private void addItem(ProtoItem item, Step top) {
        if (!concepts.isEmpty()) {
            concepts.peek().proto().addSteps(item);
            return;
        }
        if (scenario == null || spec == null) {
            return;
        }
        if (containsSame(spec.contexts(), top)) {
            scenario.addContexts(item);
        } else if (containsSame(spec.teardownSteps(), top)) {
            scenario.addTearDownSteps(item);
        } else {
            scenario.addScenarioItems(item);
        }
    }

    private static boolean containsSame(List<Step> steps, Step s) {
        for (Step x : steps) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers

    private void emit(Message m) {
        sink.accept(m, clock.instant());
    }

    private ExecutionState scenarioInfoOr() {
        return scenarioInfo;
    }

    private ExecutionInfo suiteInfo() {
        return ExecutionInfo.newBuilder().setProjectName(projectName).build();
    }

    private ExecutionInfo info(ExecutionState state) {
        return ProtoMapper.executionInfo(state);
    }

    /** The state's ExecutionInfo, with currentSpec filled from the spec in flight when the state has none. */
    private ExecutionInfo specInfo(ExecutionState state, boolean failed) {
        ExecutionInfo.Builder b = state == null ? ExecutionInfo.newBuilder().setProjectName(projectName)
                : ProtoMapper.executionInfo(state).toBuilder();
        if (spec != null && (!b.hasCurrentSpec() || b.getCurrentSpec().getFileName().isEmpty())) {
            b.setCurrentSpec(SpecInfo.newBuilder().setName(spec.heading())
                    .setFileName(spec.file().toAbsolutePath().toString()).addAllTags(spec.tags()));
        }
        if (failed && b.hasCurrentSpec()) {
            b.getCurrentSpecBuilder().setIsFailed(true);
        }
        return b.build();
    }

    private static ProtoHookFailure hookFailure(Outcome o) {
        ProtoHookFailure.Builder b = ProtoHookFailure.newBuilder().setErrorMessage(o.errorMessage())
                .setStackTrace(o.stackTrace()).setTableRowIndex(-1);
        if (!o.screenshotFiles().isEmpty()) {
            b.setFailureScreenshotFile(o.screenshotFiles().get(0));
        }
        return b.build();
    }

    private static ExecutionStatus status(Status s) {
        return switch (s) {
            case PASSED -> ExecutionStatus.PASSED;
            case FAILED -> ExecutionStatus.FAILED;
            case SKIPPED -> ExecutionStatus.SKIPPED;
        };
    }

    private String scenarioId(Scenario sc) {
        return spec == null ? sc.heading() : spec.file().getFileName() + ":" + sc.line();
    }
}
