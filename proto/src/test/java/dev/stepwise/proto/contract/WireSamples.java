package dev.stepwise.proto.contract;

import dev.stepwise.proto.APIMessage;
import dev.stepwise.proto.CacheFileRequest;
import dev.stepwise.proto.Error;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionArg;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.Fragment;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoComment;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoHookFailure;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoStepExecutionResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.ProtoTags;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.ScenarioRetriesInfo;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.SpecsResponse;
import dev.stepwise.proto.Span;
import dev.stepwise.proto.StepInfo;
import com.google.protobuf.ByteString;

/** Representative messages, built with our classes, that fill every kind of field. */
final class WireSamples {

  private WireSamples() {}

  static ProtoTable table() {
    return ProtoTable.newBuilder()
        .setHeaders(ProtoTableRow.newBuilder().addCells("id").addCells("name"))
        .addRows(ProtoTableRow.newBuilder().addCells("1").addCells("Ada \u00e9\u4e2d"))
        .addRows(ProtoTableRow.newBuilder().addCells("2").addCells(""))
        .build();
  }

  /** A spec with every item type; {@code multiline} adds a parameter kind newer than gauge-java. */
  static ProtoSpec spec(boolean multiline) {
    Parameter.Builder tableParam =
        Parameter.newBuilder().setParameterType(Parameter.ParameterType.Table).setTable(table());
    ProtoStep.Builder step =
        ProtoStep.newBuilder()
            .setActualText("Say \"hello\" to <name>")
            .setParsedText("Say {} to {}")
            .addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Text).setText("Say "))
            .addFragments(
                Fragment.newBuilder()
                    .setFragmentType(Fragment.FragmentType.Parameter)
                    .setParameter(
                        Parameter.newBuilder()
                            .setParameterType(Parameter.ParameterType.Static)
                            .setValue("hello")))
            .addFragments(
                Fragment.newBuilder()
                    .setFragmentType(Fragment.FragmentType.Parameter)
                    .setParameter(tableParam))
            .setStepExecutionResult(
                ProtoStepExecutionResult.newBuilder()
                    .setExecutionResult(
                        ProtoExecutionResult.newBuilder()
                            .setFailed(true)
                            .setRecoverableError(true)
                            .setErrorMessage("expected 1 but was 2")
                            .setStackTrace("at Steps.say(Steps.java:12)")
                            .setExecutionTime(42)
                            .addMessage("a message")
                            .setErrorType(ProtoExecutionResult.ErrorType.VERIFICATION)
                            .setFailureScreenshot(ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 0}))
                            .setFailureScreenshotFile("shot-1.png")
                            .addScreenshotFiles("shot-2.png"))
                    .setSkipped(false)
                    .setSkippedReason(""))
            .addPreHookMessages("before step");
    if (multiline) {
      step.addFragments(
          Fragment.newBuilder()
              .setFragmentType(Fragment.FragmentType.Parameter)
              .setParameter(
                  Parameter.newBuilder()
                      .setParameterType(Parameter.ParameterType.Multiline_String)
                      .setValue("line 1\nline 2")));
    }
    ProtoScenario scenario =
        ProtoScenario.newBuilder()
            .setScenarioHeading("Greeting")
            .setFailed(true)
            .addScenarioItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(step))
            .addTags("smoke")
            .setExecutionTime(7)
            .setSkipped(false)
            .setID("spec.spec:5")
            .setSpan(Span.newBuilder().setStart(5).setEnd(9).setStartChar(0).setEndChar(12))
            .setExecutionStatus(dev.stepwise.proto.ExecutionStatus.FAILED)
            .setRetriesCount(2)
            .setPreHookFailure(
                ProtoHookFailure.newBuilder()
                    .setErrorMessage("hook broke")
                    .setStackTrace("trace")
                    .setTableRowIndex(-1))
            .build();
    return ProtoSpec.newBuilder()
        .setSpecHeading("Greetings")
        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Comment).setComment(ProtoComment.newBuilder().setText("A comment")))
        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Tags).setTags(ProtoTags.newBuilder().addTags("smoke")))
        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Table).setTable(table()))
        .addItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(scenario).setFileName("/p/specs/a.spec"))
        .setIsTableDriven(true)
        .setFileName("/p/specs/a.spec")
        .addTags("smoke")
        .addPreHookMessages("before spec")
        .addPostHookScreenshotFiles("after.png")
        .setItemCount(4)
        .build();
  }

  static ExecutionInfo executionInfo() {
    return ExecutionInfo.newBuilder()
        .setCurrentSpec(SpecInfo.newBuilder().setName("Greetings").setFileName("/p/specs/a.spec").setIsFailed(true).addTags("smoke"))
        .setCurrentScenario(
            ScenarioInfo.newBuilder()
                .setName("Greeting")
                .setIsFailed(false)
                .addTags("fast")
                .setRetries(ScenarioRetriesInfo.newBuilder().setMaxRetries(2).setCurrentRetry(1)))
        .setCurrentStep(StepInfo.newBuilder().setStep(executeStep()).setIsFailed(true).setErrorMessage("boom").setStackTrace("at x"))
        .setStacktrace("at y")
        .setProjectName("sample")
        .addExecutionArgs(ExecutionArg.newBuilder().setFlagName("tags").addFlagValue("smoke & !slow"))
        .setNumberOfExecutionStreams(4)
        .setRunnerId(2)
        .build();
  }

  static ExecuteStepRequest executeStep() {
    return ExecuteStepRequest.newBuilder()
        .setActualStepText("Say \"hello\" to <name>")
        .setParsedStepText("Say {} to {}")
        .addParameters(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Static).setValue("hello"))
        .addParameters(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Dynamic).setValue("Ada").setName("name"))
        .addParameters(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Special_Table).setName("table:people.csv").setTable(table()))
        .setStream(3)
        .build();
  }

  static ExecutionStartingRequest executionStarting() {
    return ExecutionStartingRequest.newBuilder()
        .setCurrentExecutionInfo(executionInfo())
        .setSuiteResult(
            ProtoSuiteResult.newBuilder()
                .addSpecResults(
                    ProtoSpecResult.newBuilder()
                        .setProtoSpec(spec(false))
                        .setScenarioCount(3)
                        .setScenarioFailedCount(1)
                        .setFailed(true)
                        .addFailedDataTableRows(0)
                        .addSkippedDataTableRows(2)
                        .setExecutionTime(99)
                        .setTimestamp("Nov 21, 2026 at 11:20pm"))
                .setFailed(true)
                .setSpecsFailedCount(1)
                .setExecutionTime(120)
                .setSuccessRate(66.5f)
                .setEnvironment("default")
                .setTags("smoke")
                .setProjectName("sample")
                .setChunked(false))
        .setStream(1)
        .build();
  }

  static CacheFileRequest cacheFile() {
    return CacheFileRequest.newBuilder()
        .setContent("class Steps {}\r\n")
        .setFilePath("/p/src/test/java/Steps.java")
        .setStatus(CacheFileRequest.FileStatus.OPENED)
        .build();
  }

  static APIMessage apiMessage() {
    return APIMessage.newBuilder()
        .setMessageType(APIMessage.APIMessageType.SpecsResponse)
        .setMessageId(1234567890123L)
        .setSpecsResponse(
            SpecsResponse.newBuilder()
                .addDetails(
                    SpecsResponse.SpecDetail.newBuilder()
                        .setSpec(spec(true))
                        .addParseErrors(
                            Error.newBuilder()
                                .setType(Error.ErrorType.PARSE_ERROR)
                                .setFilename("/p/specs/b.spec")
                                .setLineNumber(3)
                                .setMessage("Step should not be blank"))))
        .build();
  }
}
