package dev.stepwise.reporter;

import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.Fragment;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoHookFailure;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoScenarioResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoStepExecutionResult;
import dev.stepwise.proto.ProtoStepResult;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.ScenarioRetriesInfo;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.Span;
import dev.stepwise.proto.StepInfo;

/** Gauge-shaped protobuf requests for tests. */
final class Fixtures {
    private Fixtures() {
    }

    static ExecutionInfo info(String spec, String scenario, int retry) {
        ExecutionInfo.Builder b = ExecutionInfo.newBuilder().setProjectName("demo").setNumberOfExecutionStreams(4)
                .setRunnerId(0);
        if (spec != null) {
            b.setCurrentSpec(SpecInfo.newBuilder().setName(spec).setFileName("/p/specs/" + spec + ".spec").addTags("web"));
        }
        if (scenario != null) {
            b.setCurrentScenario(ScenarioInfo.newBuilder().setName(scenario).addTags("smoke")
                    .setRetries(ScenarioRetriesInfo.newBuilder().setMaxRetries(2).setCurrentRetry(retry)));
        }
        return b.build();
    }

    static ProtoTable table() {
        return ProtoTable.newBuilder().setHeaders(ProtoTableRow.newBuilder().addCells("id").addCells("name"))
                .addRows(ProtoTableRow.newBuilder().addCells("1").addCells("Ann")).build();
    }

    static ProtoStep step(String text, boolean failed) {
        ProtoExecutionResult.Builder r = ProtoExecutionResult.newBuilder().setExecutionTime(12)
                .addMessage("hello from " + text);
        if (failed) {
            r.setFailed(true).setErrorMessage("expected 1 but was 2").setStackTrace("at Steps.java:10")
                    .setFailureScreenshotFile("shot-1.png");
        }
        return ProtoStep.newBuilder().setActualText(text).setParsedText(text)
                .addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Text).setText(text))
                .addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Parameter)
                        .setParameter(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Table)
                                .setTable(table())))
                .setStepExecutionResult(ProtoStepExecutionResult.newBuilder().setExecutionResult(r)).build();
    }

    static ExecuteStepRequest stepRequest(String text) {
        return ExecuteStepRequest.newBuilder().setActualStepText(text).setParsedStepText(text)
                .addParameters(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Static).setValue("x"))
                .build();
    }

    static ExecutionInfo stepInfo(String spec, String scenario, String step) {
        return info(spec, scenario, 0).toBuilder()
                .setCurrentStep(StepInfo.newBuilder().setStep(stepRequest(step))).build();
    }

    static ProtoScenarioResult scenarioResult(String name, boolean failed) {
        ProtoScenario.Builder s = ProtoScenario.newBuilder().setScenarioHeading(name).addTags("smoke")
                .setExecutionTime(30).setSpan(Span.newBuilder().setStart(5).setEnd(9)).setFailed(failed)
                .setExecutionStatus(failed ? ExecutionStatus.FAILED : ExecutionStatus.PASSED)
                .addScenarioItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(step("open", false)))
                .addScenarioItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(step("check", failed)));
        if (failed) {
            s.setPostHookFailure(ProtoHookFailure.newBuilder().setErrorMessage("after hook broke").setTableRowIndex(-1));
        }
        return ProtoScenarioResult.newBuilder().setProtoItem(ProtoItem.newBuilder()
                .setItemType(ProtoItem.ItemType.Scenario).setScenario(s)).setExecutionTime(30).build();
    }

    static ProtoStepResult stepResult(String text, boolean failed) {
        return ProtoStepResult.newBuilder().setProtoItem(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step)
                .setStep(step(text, failed))).setExecutionTime(12).build();
    }
}
