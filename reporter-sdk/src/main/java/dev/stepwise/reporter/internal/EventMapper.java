package dev.stepwise.reporter.internal;

import com.google.protobuf.Message;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionArg;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.Fragment;
import dev.stepwise.proto.ProtoConcept;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoHookFailure;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoStepExecutionResult;
import dev.stepwise.proto.ProtoStepResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableDrivenScenario;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecDetails;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.event.ConceptFinished;
import dev.stepwise.reporter.event.ConceptStarting;
import dev.stepwise.reporter.event.DataRow;
import dev.stepwise.reporter.event.DocsRequest;
import dev.stepwise.reporter.event.ExecutedConcept;
import dev.stepwise.reporter.event.ExecutedItem;
import dev.stepwise.reporter.event.ExecutedStep;
import dev.stepwise.reporter.event.ExecutionContext;
import dev.stepwise.reporter.event.Failure;
import dev.stepwise.reporter.event.LineSpan;
import dev.stepwise.reporter.event.Parameter;
import dev.stepwise.reporter.event.ParsedScenario;
import dev.stepwise.reporter.event.ParsedSpec;
import dev.stepwise.reporter.event.ReporterEvent;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioInfo;
import dev.stepwise.reporter.event.ScenarioResult;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecError;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecInfo;
import dev.stepwise.reporter.event.SpecResult;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.Status;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepInfo;
import dev.stepwise.reporter.event.StepResult;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteResult;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;
import dev.stepwise.reporter.event.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps Gauge's protobuf requests to typed events. Pure functions: no state, no I/O. Absent protobuf
 * parts become empty values, never nulls, so a sparse request (as another orchestrator may send) still
 * maps.
 */
public final class EventMapper {
    private EventMapper() {
    }

    /**
     * The event for one Reporter RPC request.
     *
     * @throws IllegalArgumentException if the message is not one of the Reporter service's request types
     */
    public static ReporterEvent toEvent(Message request, Instant receivedAt) {
        if (request instanceof ExecutionStartingRequest r) {
            return new SuiteStarting(receivedAt, context(r.getCurrentExecutionInfo(), r.getStream()),
                    r.hasSuiteResult() ? Optional.of(suiteResult(r.getSuiteResult())) : Optional.empty(), r);
        }
        if (request instanceof SpecExecutionStartingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            return new SpecStarting(receivedAt, context(info, r.getStream()), spec(info),
                    r.hasSpecResult() ? Optional.of(specResult(r.getSpecResult())) : Optional.empty(), r);
        }
        if (request instanceof ScenarioExecutionStartingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            return new ScenarioStarting(receivedAt, context(info, r.getStream()), spec(info), scenario(info),
                    r.hasScenarioResult()
                            ? Optional.of(scenarioResult(r.getScenarioResult().getProtoItem(),
                                    r.getScenarioResult().getExecutionTime(), info))
                            : Optional.empty(), r);
        }
        if (request instanceof ConceptExecutionStartingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            return new ConceptStarting(receivedAt, context(info, r.getStream()), spec(info), scenario(info),
                    currentStep(info, r.getStepResult()), r);
        }
        if (request instanceof StepExecutionStartingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            return new StepStarting(receivedAt, context(info, r.getStream()), spec(info), scenario(info),
                    currentStep(info, r.getStepResult()),
                    r.hasStepResult() ? Optional.of(stepResult(r.getStepResult(), info)) : Optional.empty(), r);
        }
        if (request instanceof StepExecutionEndingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            return new StepFinished(receivedAt, context(info, r.getStream()), spec(info), scenario(info),
                    currentStep(info, r.getStepResult()), stepResult(r.getStepResult(), info), r);
        }
        if (request instanceof ConceptExecutionEndingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            ProtoItem item = r.getStepResult().getProtoItem();
            Optional<StepResult> result = item.hasConcept() && item.getConcept().hasConceptExecutionResult()
                    ? Optional.of(stepResult(item.getConcept().getConceptExecutionResult(),
                            r.getStepResult().getExecutionTime(), ProtoStep.getDefaultInstance()))
                    : Optional.empty();
            return new ConceptFinished(receivedAt, context(info, r.getStream()), spec(info), scenario(info),
                    currentStep(info, r.getStepResult()), result, r);
        }
        if (request instanceof ScenarioExecutionEndingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            return new ScenarioFinished(receivedAt, context(info, r.getStream()), spec(info), scenario(info),
                    scenarioResult(r.getScenarioResult().getProtoItem(), r.getScenarioResult().getExecutionTime(),
                            info), r);
        }
        if (request instanceof SpecExecutionEndingRequest r) {
            ExecutionInfo info = r.getCurrentExecutionInfo();
            SpecInfo spec = spec(info);
            SpecResult result = specResult(r.getSpecResult(), true);
            if (spec.name().isEmpty() && spec.fileName().isEmpty()) {
                spec = result.spec();
            }
            return new SpecFinished(receivedAt, context(info, r.getStream()), spec, result, r);
        }
        if (request instanceof ExecutionEndingRequest r) {
            return new SuiteFinished(receivedAt, context(r.getCurrentExecutionInfo(), r.getStream()),
                    r.hasSuiteResult() ? Optional.of(suiteResult(r.getSuiteResult())) : Optional.empty(), r);
        }
        if (request instanceof SuiteExecutionResult r) {
            SuiteResult result = suiteResult(r.getSuiteResult());
            return new SuiteResultReady(receivedAt,
                    new ExecutionContext(result.projectName(), 0, 0, Map.of()), result, r);
        }
        throw new IllegalArgumentException("not a Reporter notification: "
                + (request == null ? "null" : request.getDescriptorForType().getFullName()));
    }

    public static DocsRequest toDocsRequest(SpecDetails details, Instant receivedAt) {
        List<ParsedSpec> specs = new ArrayList<>();
        for (SpecDetails.SpecDetail d : details.getDetailsList()) {
            ProtoSpec p = d.getSpec();
            List<StepInfo> contexts = new ArrayList<>();
            List<ParsedScenario> scenarios = new ArrayList<>();
            for (ProtoItem item : p.getItemsList()) {
                switch (item.getItemType()) {
                    case Step, Concept -> contexts.add(itemStep(item));
                    case Scenario -> scenarios.add(parsedScenario(item.getScenario()));
                    case TableDrivenScenario -> scenarios.add(parsedScenario(item.getTableDrivenScenario().getScenario()));
                    default -> { }
                }
            }
            specs.add(new ParsedSpec(new SpecInfo(p.getSpecHeading(), p.getFileName(), p.getTagsList()), contexts,
                    scenarios, d.getParseErrorsList().stream().map(EventMapper::specError).toList(), p));
        }
        return new DocsRequest(receivedAt, specs, details);
    }

    /** A short description for log lines: event type, stream, spec, scenario, step. */
    public static String describe(ReporterEvent event) {
        SpecInfo spec = SpecInfo.NONE;
        ScenarioInfo scenario = ScenarioInfo.NONE;
        StepInfo step = StepInfo.NONE;
        if (event instanceof SpecStarting e) {
            spec = e.spec();
        } else if (event instanceof SpecFinished e) {
            spec = e.spec();
        } else if (event instanceof ScenarioStarting e) {
            spec = e.spec();
            scenario = e.scenario();
        } else if (event instanceof ScenarioFinished e) {
            spec = e.spec();
            scenario = e.scenario();
        } else if (event instanceof ConceptStarting e) {
            spec = e.spec();
            scenario = e.scenario();
            step = e.concept();
        } else if (event instanceof ConceptFinished e) {
            spec = e.spec();
            scenario = e.scenario();
            step = e.concept();
        } else if (event instanceof StepStarting e) {
            spec = e.spec();
            scenario = e.scenario();
            step = e.step();
        } else if (event instanceof StepFinished e) {
            spec = e.spec();
            scenario = e.scenario();
            step = e.step();
        }
        StringBuilder sb = new StringBuilder(event.getClass().getSimpleName());
        sb.append(" [stream ").append(event.context().stream());
        if (!spec.fileName().isEmpty() || !spec.name().isEmpty()) {
            sb.append(", spec '").append(spec.name()).append("' (").append(spec.fileName()).append(')');
        }
        if (!scenario.name().isEmpty()) {
            sb.append(", scenario '").append(scenario.name()).append('\'');
        }
        if (!step.actualText().isEmpty()) {
            sb.append(", step '").append(step.actualText()).append('\'');
        }
        return sb.append(']').toString();
    }

    // ---- context -------------------------------------------------------------------------------

    static ExecutionContext context(ExecutionInfo info, int stream) {
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (ExecutionArg arg : info.getExecutionArgsList()) {
            args.put(arg.getFlagName(), arg.getFlagValueList());
        }
        return new ExecutionContext(info.getProjectName(), stream != 0 ? stream : info.getRunnerId(),
                info.getNumberOfExecutionStreams(), args);
    }

    static SpecInfo spec(ExecutionInfo info) {
        if (!info.hasCurrentSpec()) {
            return SpecInfo.NONE;
        }
        var s = info.getCurrentSpec();
        return new SpecInfo(s.getName(), s.getFileName(), s.getTagsList());
    }

    static ScenarioInfo scenario(ExecutionInfo info) {
        if (!info.hasCurrentScenario()) {
            return ScenarioInfo.NONE;
        }
        var s = info.getCurrentScenario();
        return new ScenarioInfo(s.getName(), s.getTagsList(), s.getRetries().getCurrentRetry(),
                s.getRetries().getMaxRetries());
    }

    /** The step in flight: from ExecutionInfo.currentStep when set, else from the result's ProtoItem. */
    static StepInfo currentStep(ExecutionInfo info, ProtoStepResult result) {
        if (info.hasCurrentStep() && info.getCurrentStep().hasStep()) {
            return step(info.getCurrentStep().getStep());
        }
        return result.hasProtoItem() ? itemStep(result.getProtoItem()) : StepInfo.NONE;
    }

    static StepInfo step(ExecuteStepRequest r) {
        return new StepInfo(r.getActualStepText(), r.getParsedStepText(),
                r.getParametersList().stream().map(EventMapper::parameter).toList());
    }

    static StepInfo step(ProtoStep s) {
        List<Parameter> params = new ArrayList<>();
        for (Fragment f : s.getFragmentsList()) {
            if (f.getFragmentType() == Fragment.FragmentType.Parameter) {
                params.add(parameter(f.getParameter()));
            }
        }
        return new StepInfo(s.getActualText(), s.getParsedText(), params);
    }

    private static StepInfo itemStep(ProtoItem item) {
        if (item.hasConcept()) {
            return step(item.getConcept().getConceptStep());
        }
        return item.hasStep() ? step(item.getStep()) : StepInfo.NONE;
    }

    static Parameter parameter(dev.stepwise.proto.Parameter p) {
        Parameter.Kind kind = switch (p.getParameterType()) {
            case Static -> Parameter.Kind.STATIC;
            case Dynamic -> Parameter.Kind.DYNAMIC;
            case Special_String -> Parameter.Kind.SPECIAL_STRING;
            case Special_Table -> Parameter.Kind.SPECIAL_TABLE;
            case Table -> Parameter.Kind.TABLE;
            case Multiline_String -> Parameter.Kind.MULTILINE_STRING;
            default -> Parameter.Kind.STATIC;
        };
        return new Parameter(kind, p.getName(), p.getValue(), p.hasTable() ? table(p.getTable()) : Table.EMPTY);
    }

    static Table table(ProtoTable t) {
        return new Table(t.getHeaders().getCellsList(),
                t.getRowsList().stream().map(r -> (List<String>) r.getCellsList()).toList());
    }

    // ---- results -------------------------------------------------------------------------------

    static Optional<Failure> hookFailure(boolean present, ProtoHookFailure f) {
        if (!present) {
            return Optional.empty();
        }
        return Optional.of(new Failure(f.getErrorMessage(), f.getStackTrace(), nonEmpty(f.getFailureScreenshotFile())));
    }

    /** A step's result from a step notification; falls back to ExecutionInfo.currentStep when no result came. */
    static StepResult stepResult(ProtoStepResult r, ExecutionInfo info) {
        ProtoItem item = r.getProtoItem();
        if (item.hasStep() && item.getStep().hasStepExecutionResult()) {
            return stepResult(item.getStep().getStepExecutionResult(), r.getExecutionTime(), item.getStep());
        }
        if (info.hasCurrentStep() && info.getCurrentStep().getIsFailed()) {
            var s = info.getCurrentStep();
            return new StepResult(Status.FAILED, Duration.ofMillis(r.getExecutionTime()),
                    Optional.of(Failure.of(s.getErrorMessage(), s.getStackTrace())), false, List.of(), List.of(),
                    Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        }
        if (item.hasStep() || info.hasCurrentStep()) {
            return new StepResult(Status.PASSED, Duration.ofMillis(r.getExecutionTime()), Optional.empty(), false,
                    List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
        }
        return StepResult.NOT_RUN;
    }

    static StepResult stepResult(ProtoStepExecutionResult r, long wrapperTimeMs, ProtoStep step) {
        ProtoExecutionResult e = r.getExecutionResult();
        Optional<Failure> before = hookFailure(r.hasPreHookFailure(), r.getPreHookFailure());
        Optional<Failure> after = hookFailure(r.hasPostHookFailure(), r.getPostHookFailure());
        Optional<Failure> failure = e.getFailed()
                ? Optional.of(new Failure(e.getErrorMessage(), e.getStackTrace(), nonEmpty(e.getFailureScreenshotFile())))
                : Optional.empty();
        Status status;
        if (failure.isPresent() || before.isPresent() || after.isPresent()) {
            status = Status.FAILED;
        } else if (r.getSkipped() || !r.hasExecutionResult()) {
            status = Status.SKIPPED;
        } else {
            status = Status.PASSED;
        }
        List<String> screenshots = new ArrayList<>();
        if (!e.getFailureScreenshotFile().isEmpty()) {
            screenshots.add(e.getFailureScreenshotFile());
        }
        screenshots.addAll(e.getScreenshotFilesList());
        screenshots.addAll(step.getPreHookScreenshotFilesList());
        screenshots.addAll(step.getPostHookScreenshotFilesList());
        List<String> hookMessages = new ArrayList<>(step.getPreHookMessagesList());
        hookMessages.addAll(step.getPostHookMessagesList());
        long ms = e.getExecutionTime() > 0 ? e.getExecutionTime() : wrapperTimeMs;
        return new StepResult(status, Duration.ofMillis(ms), failure, e.getFailed() && e.getRecoverableError(),
                e.getMessageList(), screenshots, before, after, hookMessages,
                r.getSkippedReason().isEmpty() ? Optional.empty() : Optional.of(r.getSkippedReason()));
    }

    static List<ExecutedItem> items(List<ProtoItem> items) {
        List<ExecutedItem> out = new ArrayList<>();
        for (ProtoItem item : items) {
            if (item.getItemType() == ProtoItem.ItemType.Step && item.hasStep()) {
                ProtoStep s = item.getStep();
                out.add(new ExecutedStep(step(s), s.hasStepExecutionResult()
                        ? stepResult(s.getStepExecutionResult(), 0, s) : StepResult.NOT_RUN));
            } else if (item.getItemType() == ProtoItem.ItemType.Concept && item.hasConcept()) {
                ProtoConcept c = item.getConcept();
                out.add(new ExecutedConcept(step(c.getConceptStep()), c.hasConceptExecutionResult()
                        ? stepResult(c.getConceptExecutionResult(), 0, c.getConceptStep()) : StepResult.NOT_RUN,
                        items(c.getStepsList())));
            }
        }
        return out;
    }

    /** A scenario attempt's result; falls back to ExecutionInfo.currentScenario when the item is empty. */
    static ScenarioResult scenarioResult(ProtoItem item, long wrapperTimeMs, ExecutionInfo info) {
        ProtoScenario s;
        Optional<DataRow> row = Optional.empty();
        if (item.hasTableDrivenScenario()) {
            ProtoTableDrivenScenario t = item.getTableDrivenScenario();
            s = t.getScenario();
            row = Optional.of(new DataRow(t.getIsSpecTableDriven() ? t.getTableRowIndex() : -1,
                    t.getIsScenarioTableDriven() ? t.getScenarioTableRowIndex() : -1,
                    t.hasScenarioTableRow() ? table(t.getScenarioTableRow()) : Table.EMPTY));
        } else if (item.hasScenario()) {
            s = item.getScenario();
        } else {
            ScenarioInfo current = scenario(info);
            boolean failed = info.hasCurrentScenario() && info.getCurrentScenario().getIsFailed();
            return new ScenarioResult(current.name(), current.tags(), failed ? Status.FAILED : Status.PASSED,
                    Duration.ofMillis(wrapperTimeMs), Optional.empty(), current.currentRetry(), Optional.empty(),
                    List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                    List.of(), "");
        }
        Status status = switch (s.getExecutionStatus()) {
            case PASSED -> Status.PASSED;
            case FAILED -> Status.FAILED;
            case SKIPPED -> Status.SKIPPED;
            default -> s.getFailed() ? Status.FAILED : s.getSkipped() ? Status.SKIPPED : Status.PASSED;
        };
        if (s.getFailed()) {
            status = Status.FAILED; // a failure wins over a skip request, as in Gauge
        }
        List<String> hookMessages = new ArrayList<>(
                s.getPreHookMessagesCount() > 0 ? s.getPreHookMessagesList() : s.getPreHookMessageList());
        hookMessages.addAll(s.getPostHookMessagesCount() > 0 ? s.getPostHookMessagesList() : s.getPostHookMessageList());
        List<String> screenshots = new ArrayList<>(s.getPreHookScreenshotFilesList());
        screenshots.addAll(s.getPostHookScreenshotFilesList());
        long ms = s.getExecutionTime() > 0 ? s.getExecutionTime() : wrapperTimeMs;
        return new ScenarioResult(s.getScenarioHeading(), s.getTagsList(), status, Duration.ofMillis(ms),
                s.hasSpan() ? Optional.of(new LineSpan(s.getSpan().getStart(), s.getSpan().getEnd())) : Optional.empty(),
                (int) s.getRetriesCount(), row, items(s.getContextsList()), items(s.getScenarioItemsList()),
                items(s.getTearDownStepsList()), hookFailure(s.hasPreHookFailure(), s.getPreHookFailure()),
                hookFailure(s.hasPostHookFailure(), s.getPostHookFailure()), hookMessages, screenshots,
                s.getSkipErrorsList(), s.getID());
    }

    static SpecResult specResult(ProtoSpecResult r) {
        return specResult(r, false);
    }

    /**
     * @param withUnstarted map the scenarios in {@code protoSpec.items} that never started (only the spec-ending
     *                      notification carries them; the suite result's copies would be duplicates)
     */
    static SpecResult specResult(ProtoSpecResult r, boolean withUnstarted) {
        ProtoSpec p = r.getProtoSpec();
        Status status = r.getFailed() ? Status.FAILED : r.getSkipped() ? Status.SKIPPED : Status.PASSED;
        List<String> hookMessages = new ArrayList<>(
                p.getPreHookMessagesCount() > 0 ? p.getPreHookMessagesList() : p.getPreHookMessageList());
        hookMessages.addAll(p.getPostHookMessagesCount() > 0 ? p.getPostHookMessagesList() : p.getPostHookMessageList());
        return new SpecResult(new SpecInfo(p.getSpecHeading(), p.getFileName(), p.getTagsList()), status,
                r.getScenarioCount(), r.getScenarioFailedCount(), r.getScenarioSkippedCount(),
                Duration.ofMillis(r.getExecutionTime()), r.getErrorsList().stream().map(EventMapper::specError).toList(),
                p.getPreHookFailuresList().stream().map(f -> hookFailure(true, f).orElseThrow()).toList(),
                p.getPostHookFailuresList().stream().map(f -> hookFailure(true, f).orElseThrow()).toList(),
                hookMessages, r.getFailedDataTableRowsList(),
                withUnstarted ? unstartedScenarios(p) : List.of());
    }

    /**
     * The scenarios of a spec result that were skipped before they started. Stepwise puts only those in the
     * spec-ending {@code protoSpec.items}; Gauge puts every scenario there, so an item counts as unstarted only
     * when it is SKIPPED and shows no sign of having run: no step or concept with an execution result, no hook
     * failure or hook message, no execution time. (A scenario that skipped itself from its before hook has the
     * skip message as a pre-hook message, and it got scenario notifications.)
     */
    static List<ScenarioResult> unstartedScenarios(ProtoSpec p) {
        List<ScenarioResult> out = new ArrayList<>();
        for (ProtoItem item : p.getItemsList()) {
            ProtoScenario s;
            if (item.hasTableDrivenScenario()) {
                s = item.getTableDrivenScenario().getScenario();
            } else if (item.hasScenario()) {
                s = item.getScenario();
            } else {
                continue;
            }
            if (!neverStarted(s)) {
                continue;
            }
            ScenarioResult r = scenarioResult(item, 0, ExecutionInfo.getDefaultInstance());
            if (r.status() != Status.SKIPPED) {
                r = new ScenarioResult(r.name(), r.tags(), Status.SKIPPED, r.duration(), r.span(), r.retriesCount(),
                        r.dataRow(), r.contexts(), r.steps(), r.teardowns(), r.beforeHookFailure(),
                        r.afterHookFailure(), r.hookMessages(), r.hookScreenshotFiles(), r.skipReasons(), r.id());
            }
            out.add(r);
        }
        return out;
    }

    private static boolean neverStarted(ProtoScenario s) {
        boolean skipped = s.getSkipped() || s.getExecutionStatus() == dev.stepwise.proto.ExecutionStatus.SKIPPED;
        if (!skipped || s.getFailed() || s.getExecutionTime() > 0 || s.hasPreHookFailure() || s.hasPostHookFailure()
                || s.getPreHookMessagesCount() > 0 || s.getPreHookMessageCount() > 0
                || s.getPostHookMessagesCount() > 0 || s.getPostHookMessageCount() > 0) {
            return false;
        }
        return !ran(s.getContextsList()) && !ran(s.getScenarioItemsList()) && !ran(s.getTearDownStepsList());
    }

    private static boolean ran(List<ProtoItem> items) {
        for (ProtoItem item : items) {
            if (item.hasStep() && item.getStep().getStepExecutionResult().hasExecutionResult()) {
                return true;
            }
            if (item.hasConcept() && (item.getConcept().getConceptExecutionResult().hasExecutionResult()
                    || ran(item.getConcept().getStepsList()))) {
                return true;
            }
        }
        return false;
    }

    static SuiteResult suiteResult(ProtoSuiteResult r) {
        int scenarios = 0;
        int failed = 0;
        int skipped = 0;
        List<SpecResult> specs = new ArrayList<>(r.getSpecResultsCount());
        for (ProtoSpecResult spec : r.getSpecResultsList()) {
            scenarios += spec.getScenarioCount();
            failed += spec.getScenarioFailedCount();
            skipped += spec.getScenarioSkippedCount();
            specs.add(specResult(spec));
        }
        List<String> hookMessages = new ArrayList<>(
                r.getPreHookMessagesCount() > 0 ? r.getPreHookMessagesList() : r.getPreHookMessageList());
        hookMessages.addAll(r.getPostHookMessagesCount() > 0 ? r.getPostHookMessagesList() : r.getPostHookMessageList());
        String timestamp = !r.getTimestampISO().isEmpty() ? r.getTimestampISO() : r.getTimestamp();
        return new SuiteResult(r.getProjectName(), r.getEnvironment(), r.getTags(),
                r.getFailed() ? Status.FAILED : Status.PASSED, r.getSpecResultsCount(), r.getSpecsFailedCount(),
                r.getSpecsSkippedCount(), scenarios, failed, skipped, r.getSuccessRate(),
                Duration.ofMillis(r.getExecutionTime()), nonEmpty(timestamp),
                hookFailure(r.hasPreHookFailure(), r.getPreHookFailure()),
                hookFailure(r.hasPostHookFailure(), r.getPostHookFailure()), hookMessages, specs);
    }

    static SpecError specError(dev.stepwise.proto.Error e) {
        return new SpecError(e.getType() == dev.stepwise.proto.Error.ErrorType.VALIDATION_ERROR
                ? SpecError.Kind.VALIDATION_ERROR : SpecError.Kind.PARSE_ERROR,
                e.getFilename(), e.getLineNumber(), e.getMessage());
    }

    private static ParsedScenario parsedScenario(ProtoScenario s) {
        List<StepInfo> steps = new ArrayList<>();
        for (ProtoItem item : s.getScenarioItemsList()) {
            if (item.hasStep() || item.hasConcept()) {
                steps.add(itemStep(item));
            }
        }
        return new ParsedScenario(s.getScenarioHeading(), s.getTagsList(),
                s.hasSpan() ? Optional.of(new LineSpan(s.getSpan().getStart(), s.getSpan().getEnd())) : Optional.empty(),
                steps);
    }

    private static Optional<String> nonEmpty(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
