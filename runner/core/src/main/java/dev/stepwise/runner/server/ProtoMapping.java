package dev.stepwise.runner.server;

import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.ScenarioInfo;
import dev.stepwise.api.SpecInfo;
import dev.stepwise.api.StepInfo;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionArg;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.runner.execution.Argument;
import dev.stepwise.runner.execution.Outcome;
import dev.stepwise.runner.execution.StepCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between the protocol's messages and the runner's own values. Protobuf stays here. */
final class ProtoMapping {

    private ProtoMapping() {
    }

    static ExecutionContext context(ExecutionInfo info, int stream, String projectNameFallback) {
        ExecutionContext.Builder b = ExecutionContext.builder();
        if (info.hasCurrentSpec()) {
            var spec = info.getCurrentSpec();
            b.spec(new SpecInfo(spec.getName(), spec.getFileName(), spec.getTagsList(), spec.getIsFailed()));
        }
        if (info.hasCurrentScenario()) {
            var scenario = info.getCurrentScenario();
            var retries = scenario.getRetries();
            b.scenario(new ScenarioInfo(scenario.getName(), scenario.getTagsList(), scenario.getIsFailed(),
                    retries.getCurrentRetry() + 1, retries.getMaxRetries()));
        }
        if (info.hasCurrentStep()) {
            var step = info.getCurrentStep();
            ExecuteStepRequest request = step.getStep();
            b.step(new StepInfo(request.getActualStepText(), request.getParsedStepText(),
                    request.getParametersList().stream().map(Parameter::getValue).toList(),
                    step.getIsFailed(), step.getErrorMessage(), step.getStackTrace()));
        }
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (ExecutionArg arg : info.getExecutionArgsList()) {
            args.put(arg.getFlagName(), List.copyOf(arg.getFlagValueList()));
        }
        // Serial runs send stream 0 (unset); the API numbers streams from 1.
        int oneBasedStream = Math.max(1, stream);
        int runner = Math.max(0, info.getRunnerId());
        int streams = Math.max(info.getNumberOfExecutionStreams(), Math.max(oneBasedStream, runner));
        return b.projectName(info.getProjectName().isEmpty() ? projectNameFallback : info.getProjectName())
                .stream(oneBasedStream)
                .runnerId(runner)
                .numberOfStreams(streams)
                .executionArgs(args)
                .build();
    }

    static StepCall stepCall(ExecuteStepRequest request) {
        return new StepCall(request.getParsedStepText(), request.getActualStepText(),
                request.getParametersList().stream().map(ProtoMapping::argument).toList());
    }

    private static Argument argument(Parameter p) {
        return switch (p.getParameterType()) {
            case Table, Special_Table -> Argument.table(p.getName(), cells(p.getTable().getHeaders()),
                    p.getTable().getRowsList().stream().map(ProtoMapping::cells).toList());
            default -> Argument.text(p.getName(), p.getValue());
        };
    }

    private static List<String> cells(ProtoTableRow row) {
        return row.getCellsList();
    }

    static ExecutionStatusResponse response(Outcome o) {
        return ExecutionStatusResponse.newBuilder().setExecutionResult(result(o)).build();
    }

    static ProtoExecutionResult result(Outcome o) {
        return ProtoExecutionResult.newBuilder()
                .setFailed(o.failed())
                .setRecoverableError(o.failed() && o.recoverable())
                .setSkipScenario(o.skipScenario())
                .setErrorMessage(o.errorMessage())
                .setStackTrace(o.stackTrace())
                .addAllMessage(o.messages())
                .addAllScreenshotFiles(o.screenshotFiles())
                .setFailureScreenshotFile(o.failureScreenshotFile())
                .setExecutionTime(o.executionTimeMillis())
                .build();
    }
}
