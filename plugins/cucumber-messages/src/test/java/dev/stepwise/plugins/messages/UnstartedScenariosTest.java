package dev.stepwise.plugins.messages;

import com.google.protobuf.Message;
import dev.stepwise.plugins.testkit.Node;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoScenarioResult;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoStepExecutionResult;
import dev.stepwise.proto.ProtoStepResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.ProtoEvents;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario skipped before it started (here: an unimplemented step) has no scenario events; it comes only in the
 * spec-ending request. It must still be a test case in the stream, with every step SKIPPED and the reason.
 */
class UnstartedScenariosTest {
    private static final String SPEC = """
            # Rockets

            ## Launch

            * Count down from "3"

            ## Land on Mars

            * Fly to "Mars"
            """;
    private static final String REASON = "Step implementation not found: Fly to {}";

    @TempDir
    Path tmp;

    @Test
    void aScenarioSkippedBeforeItStartedIsASkippedTestCase() throws Exception {
        Path spec = Files.writeString(Files.createDirectories(tmp.resolve("specs")).resolve("rockets.spec"), SPEC);
        Path out = tmp.resolve("messages.ndjson");
        AtomicInteger next = new AtomicInteger();
        MessagesReporter reporter = new MessagesReporter(new MessageSink(out), tmp,
                () -> String.valueOf(next.incrementAndGet()), "test");
        ExecutionInfo specInfo = ExecutionInfo.newBuilder().setProjectName("demo").setCurrentSpec(SpecInfo.newBuilder()
                .setName("Rockets").setFileName(spec.toString())).build();
        ExecutionInfo launch = specInfo.toBuilder().setCurrentScenario(ScenarioInfo.newBuilder().setName("Launch"))
                .build();
        ExecutionInfo inStep = launch.toBuilder().setCurrentStep(dev.stepwise.proto.StepInfo.newBuilder().setStep(
                dev.stepwise.proto.ExecuteStepRequest.newBuilder().setActualStepText("Count down from \"3\"")
                        .setParsedStepText("Count down from {}"))).build();
        ProtoStep countDown = ProtoStep.newBuilder().setActualText("Count down from \"3\"")
                .setParsedText("Count down from {}").setStepExecutionResult(ProtoStepExecutionResult.newBuilder()
                        .setExecutionResult(ProtoExecutionResult.newBuilder().setExecutionTime(1))).build();
        ProtoItem countDownItem = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(countDown).build();
        ProtoScenario mars = ProtoScenario.newBuilder().setScenarioHeading("Land on Mars").setSkipped(true)
                .setExecutionStatus(ExecutionStatus.SKIPPED).addSkipErrors(REASON)
                .addScenarioItems(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(ProtoStep
                        .newBuilder().setActualText("Fly to \"Mars\"").setParsedText("Fly to {}")))
                .build();
        ProtoSuiteResult suite = ProtoSuiteResult.newBuilder().setProjectName("demo").build();

        List<Message> run = List.of(
                ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(ExecutionInfo.getDefaultInstance()).build(),
                SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo).build(),
                SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(specInfo)
                        .setSpecResult(ProtoSpecResult.getDefaultInstance()).build(),
                ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(launch).build(),
                ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(launch)
                        .setScenarioResult(ProtoScenarioResult.getDefaultInstance()).build(),
                StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(inStep).build(),
                StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(inStep).setStepResult(
                        ProtoStepResult.newBuilder().setProtoItem(countDownItem)).build(),
                StepExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(inStep).setStepResult(
                        ProtoStepResult.newBuilder().setProtoItem(countDownItem)).build(),
                ScenarioExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(launch).setScenarioResult(
                        ProtoScenarioResult.newBuilder().setProtoItem(ProtoItem.newBuilder()
                                .setItemType(ProtoItem.ItemType.Scenario).setScenario(ProtoScenario.newBuilder()
                                        .setScenarioHeading("Launch").setExecutionStatus(ExecutionStatus.PASSED)
                                        .addScenarioItems(countDownItem)))).build(),
                SpecExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(specInfo).setSpecResult(
                        ProtoSpecResult.newBuilder().setScenarioCount(2).setScenarioSkippedCount(1)
                                .setProtoSpec(ProtoSpec.newBuilder().setSpecHeading("Rockets")
                                        .setFileName(spec.toString()).addItems(ProtoItem.newBuilder()
                                                .setItemType(ProtoItem.ItemType.Scenario).setScenario(mars)))).build(),
                ExecutionEndingRequest.newBuilder().setSuiteResult(suite).build(),
                SuiteExecutionResult.newBuilder().setSuiteResult(suite).build());
        for (Message m : run) {
            ProtoEvents.toEvent(m, Instant.parse("2026-11-21T10:00:00Z")).deliverTo(reporter);
        }
        reporter.onKill();
        reporter.close();

        List<String> lines = Files.readAllLines(out);
        assertEquals(2, count(lines, "{\"testCase\":"), "a test case per pickle");
        assertEquals(2, count(lines, "{\"testCaseStarted\":"));
        assertEquals(2, count(lines, "{\"testCaseFinished\":"));
        List<String> skipped = lines.stream().filter(l -> l.startsWith("{\"testStepFinished\":")
                && l.contains("\"status\":\"SKIPPED\"")).toList();
        // before hook, "Fly to Mars", after hook
        assertEquals(3, skipped.size(), String.join("\n", lines));
        assertTrue(skipped.stream().allMatch(l -> l.contains("\"message\":\"" + REASON + "\"")), skipped.toString());
        String marsCase = lines.stream().filter(l -> l.startsWith("{\"testCase\":")).toList().get(1);
        String marsPickle = lines.stream().filter(l -> l.startsWith("{\"pickle\":") && l.contains("Land on Mars"))
                .findFirst().orElseThrow();
        String pickleId = marsPickle.replaceFirst("^\\{\"pickle\":\\{\"id\":\"([^\"]+)\".*", "$1");
        assertTrue(marsCase.contains("\"pickleId\":\"" + pickleId + "\""), marsCase + "\n" + marsPickle);

        // Every id is defined before it is referenced, and every envelope matches Cucumber's JSON Schema.
        boolean npm = Files.isDirectory(Path.of("../js/node_modules/@cucumber/messages"));
        Assumptions.assumeTrue(npm, "npm packages missing in plugins/js (scripts/test runs npm ci there)");
        Node.Result check = Node.run("validate.mjs", out.toString());
        assertEquals(0, check.exitCode(), check.stderr() + check.stdout());
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
}
