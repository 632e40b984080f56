package dev.stepwise.host.adapter;

import dev.stepwise.host.execution.ExecutionState;
import dev.stepwise.host.execution.Outcome;
import dev.stepwise.host.parser.Parameter;
import dev.stepwise.host.parser.Table;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionArg;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.ScenarioRetriesInfo;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.StepInfo;

import java.util.List;
import java.util.Map;

/** Maps host types to Gauge's protobuf messages and back. The only place that knows both. */
public final class ProtoMapper {

    private ProtoMapper() {
    }

    public static ExecutionInfo executionInfo(ExecutionState s) {
        ExecutionInfo.Builder b = ExecutionInfo.newBuilder()
                .setProjectName(s.projectName())
                .setNumberOfExecutionStreams(s.streams())
                .setRunnerId(s.runnerId());
        for (Map.Entry<String, List<String>> e : s.args().entrySet()) {
            b.addExecutionArgs(ExecutionArg.newBuilder().setFlagName(e.getKey()).addAllFlagValue(e.getValue()));
        }
        if (s.spec() != null) {
            b.setCurrentSpec(SpecInfo.newBuilder().setName(s.spec().name()).setFileName(s.spec().file().toString())
                    .setIsFailed(s.spec().failed()).addAllTags(s.spec().tags()));
        }
        if (s.scenario() != null) {
            b.setCurrentScenario(ScenarioInfo.newBuilder().setName(s.scenario().name())
                    .setIsFailed(s.scenario().failed()).addAllTags(s.scenario().tags())
                    .setRetries(ScenarioRetriesInfo.newBuilder().setMaxRetries(s.scenario().maxRetries())
                            .setCurrentRetry(s.scenario().currentRetry())));
        }
        if (s.step() != null) {
            b.setCurrentStep(StepInfo.newBuilder().setStep(stepRequest(s.step().call()))
                    .setIsFailed(s.step().failed()).setErrorMessage(s.step().errorMessage())
                    .setStackTrace(s.step().stackTrace()));
        }
        return b.build();
    }

    public static ExecuteStepRequest stepRequest(ExecutionState.StepCall call) {
        ExecuteStepRequest.Builder b = ExecuteStepRequest.newBuilder()
                .setActualStepText(call.actualText())
                .setParsedStepText(call.parsedText())
                .setStream(0);
        for (Parameter p : call.parameters()) {
            b.addParameters(parameter(p));
        }
        return b.build();
    }

    public static dev.stepwise.proto.Parameter parameter(Parameter p) {
        dev.stepwise.proto.Parameter.Builder b = dev.stepwise.proto.Parameter.newBuilder()
                .setParameterType(switch (p.type()) {
                    case STATIC -> dev.stepwise.proto.Parameter.ParameterType.Static;
                    case DYNAMIC -> dev.stepwise.proto.Parameter.ParameterType.Dynamic;
                    case SPECIAL_STRING -> dev.stepwise.proto.Parameter.ParameterType.Special_String;
                    case SPECIAL_TABLE -> dev.stepwise.proto.Parameter.ParameterType.Special_Table;
                    case TABLE -> dev.stepwise.proto.Parameter.ParameterType.Table;
                })
                .setName(p.name())
                .setValue(p.value());
        p.table().ifPresent(t -> b.setTable(table(t)));
        return b.build();
    }

    public static ProtoTable table(Table t) {
        ProtoTable.Builder b = ProtoTable.newBuilder().setHeaders(ProtoTableRow.newBuilder().addAllCells(t.headers()));
        for (Table.Row r : t.rows()) {
            b.addRows(ProtoTableRow.newBuilder().addAllCells(r.values()));
        }
        return b.build();
    }

    /** A missing executionResult is treated as a failure (Gauge would crash on it). */
    public static Outcome outcome(ExecutionStatusResponse response, boolean executionResultRequired) {
        if (!response.hasExecutionResult()) {
            return executionResultRequired
                    ? Outcome.failure("The runner answered without an executionResult", "")
                    : Outcome.passed();
        }
        ProtoExecutionResult r = response.getExecutionResult();
        return new Outcome(r.getFailed(), r.getRecoverableError(), r.getSkipScenario(), r.getErrorMessage(),
                r.getStackTrace(), r.getMessageList(), r.getScreenshotFilesList(), r.getExecutionTime(), false);
    }
}
