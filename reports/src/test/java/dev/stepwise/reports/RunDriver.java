package dev.stepwise.reports;

import com.google.protobuf.Message;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.Fragment;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoScenarioResult;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoStepExecutionResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.ScenarioRetriesInfo;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.ProtoEvents;
import dev.stepwise.reporter.ReporterListener;

import java.time.Clock;
import java.util.List;

/** Drives listeners with Gauge-shaped requests, mapped through the SDK exactly as a plugin receives them. */
final class RunDriver {
    private final List<ReporterListener> listeners;
    private String spec;
    private final List<String> specTags = List.of("web");
    private int specScenarios;
    private int specFailed;
    private int specSkipped;
    private final List<ProtoItem> unstarted = new java.util.ArrayList<>();
    int scenarios;
    int failed;
    int skipped;
    int specs;
    int specsFailed;

    private final Clock clock;

    RunDriver(ReporterListener... listeners) {
        this(Clock.systemUTC(), listeners);
    }

    /** Every event stamped by {@code clock} (a fixed clock makes reports the same bytes on every run). */
    RunDriver(Clock clock, ReporterListener... listeners) {
        this.clock = clock;
        this.listeners = List.of(listeners);
    }

    void send(Message m) throws Exception {
        for (ReporterListener l : listeners) {
            ProtoEvents.toEvent(m, clock.instant()).deliverTo(l);
        }
    }

    private ExecutionInfo info(String scenario, int retry) {
        ExecutionInfo.Builder b = ExecutionInfo.newBuilder().setProjectName("demo").setNumberOfExecutionStreams(1);
        if (spec != null) {
            b.setCurrentSpec(SpecInfo.newBuilder().setName(spec).setFileName("/p/specs/" + spec.replace(' ', '_')
                    + ".spec").addAllTags(specTags));
        }
        if (scenario != null) {
            b.setCurrentScenario(ScenarioInfo.newBuilder().setName(scenario).addTags("smoke")
                    .setRetries(ScenarioRetriesInfo.newBuilder().setMaxRetries(1).setCurrentRetry(retry)));
        }
        return b.build();
    }

    void startSuite() throws Exception {
        send(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0)).build());
        send(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0))
                .setSuiteResult(ProtoSuiteResult.getDefaultInstance()).build());
    }

    void startSpec(String name) throws Exception {
        spec = name;
        specScenarios = specFailed = specSkipped = 0;
        send(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0)).build());
        send(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0))
                .setSpecResult(ProtoSpecResult.getDefaultInstance()).build());
    }

    static ProtoStep step(String text, String status, String message) {
        ProtoExecutionResult.Builder r = ProtoExecutionResult.newBuilder().setExecutionTime(5);
        if (message != null) {
            r.addMessage(message);
        }
        ProtoStepExecutionResult.Builder ser = ProtoStepExecutionResult.newBuilder();
        if (status.equals("failed")) {
            r.setFailed(true).setErrorMessage("expected <1> but was <2>")
                    .setStackTrace("java.lang.AssertionError: expected <1> but was <2>\n\tat demo.Steps.check(Steps.java:42)")
                    .setFailureScreenshotFile("shot.png");
        }
        if (status.equals("skipped")) {
            ser.setSkipped(true).setSkippedReason("an earlier step failed");
        } else {
            ser.setExecutionResult(r);
        }
        return ProtoStep.newBuilder().setActualText(text).setParsedText(text)
                .addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Text).setText(text))
                .addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Parameter)
                        .setParameter(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Table)
                                .setTable(ProtoTable.newBuilder()
                                        .setHeaders(ProtoTableRow.newBuilder().addCells("user").addCells("role"))
                                        .addRows(ProtoTableRow.newBuilder().addCells("ann").addCells("admin")))))
                .setStepExecutionResult(ser).build();
    }

    /** One scenario attempt; status passed/failed/skipped. */
    void scenario(String name, String status, int retry) throws Exception {
        send(ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(name, retry)).build());
        send(ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(name, retry))
                .setScenarioResult(ProtoScenarioResult.getDefaultInstance()).build());
        ProtoScenario.Builder s = ProtoScenario.newBuilder().setScenarioHeading(name).addTags("smoke")
                .setExecutionTime(1234).setRetriesCount(retry)
                .setExecutionStatus(switch (status) {
                    case "failed" -> ExecutionStatus.FAILED;
                    case "skipped" -> ExecutionStatus.SKIPPED;
                    default -> ExecutionStatus.PASSED;
                })
                .setFailed(status.equals("failed")).setSkipped(status.equals("skipped"))
                .addScenarioItems(item(step("Log in as \"ann\"", status.equals("skipped") ? "skipped" : "passed",
                        "logged in <ok> & done")))
                .addScenarioItems(item(step("Check the balance", status, null)));
        if (status.equals("skipped")) {
            s.addSkipErrors("Step implementation not found");
        }
        send(ScenarioExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(name, retry))
                .setScenarioResult(ProtoScenarioResult.newBuilder().setProtoItem(ProtoItem.newBuilder()
                        .setItemType(ProtoItem.ItemType.Scenario).setScenario(s))).build());
        if (retry == 0) {
            specScenarios++;
            scenarios++;
        }
        // counts follow the final attempt
        if (status.equals("failed")) {
            specFailed++;
            failed++;
        } else if (retry > 0) {
            specFailed--;
            failed--;
        }
        if (status.equals("skipped")) {
            specSkipped++;
            skipped++;
        }
    }

    /**
     * A scenario skipped before it started (e.g. an unimplemented step): no scenario notifications, only an item
     * of the spec-ending request, as Gauge and the Stepwise host send it.
     */
    void unstarted(String name, String reason) {
        ProtoStep step = ProtoStep.newBuilder().setActualText("Fly to \"Mars\"").setParsedText("Fly to {}").build();
        unstarted.add(ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(
                ProtoScenario.newBuilder().setScenarioHeading(name).addTags("wip").setSkipped(true)
                        .setSpan(dev.stepwise.proto.Span.newBuilder().setStart(20).setEnd(22))
                        .setExecutionStatus(ExecutionStatus.SKIPPED).addSkipErrors(reason).addScenarioItems(item(step)))
                .build());
        specScenarios++;
        scenarios++;
        specSkipped++;
        skipped++;
    }

    private static ProtoItem item(ProtoStep step) {
        return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(step).build();
    }

    void endSpec() throws Exception {
        specs++;
        if (specFailed > 0) {
            specsFailed++;
        }
        send(SpecExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0))
                .setSpecResult(ProtoSpecResult.newBuilder().setProtoSpec(ProtoSpec.newBuilder().setSpecHeading(spec)
                                .setFileName("/p/specs/" + spec.replace(' ', '_') + ".spec").addAllTags(specTags)
                                .addAllItems(unstarted))
                        .setScenarioCount(specScenarios).setScenarioFailedCount(specFailed)
                        .setScenarioSkippedCount(specSkipped).setFailed(specFailed > 0).setExecutionTime(2500))
                .build());
        unstarted.clear();
        spec = null;
    }

    void endSuite() throws Exception {
        sendSuiteEnd();
        close();
    }

    /** The suite's closing events, without Kill and close. */
    void sendSuiteEnd() throws Exception {
        send(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0)).build());
        ProtoSuiteResult.Builder suite = ProtoSuiteResult.newBuilder().setProjectName("demo").setEnvironment("default")
                .setTags("smoke & !slow").setExecutionTime(9000).setFailed(failed > 0).setSpecsFailedCount(specsFailed)
                .setSuccessRate(specs == 0 ? 100f : 100f * (specs - specsFailed) / specs)
                .setTimestampISO("2026-11-21T10:00:00Z");
        for (int i = 0; i < specs; i++) {
            // counts only: the reports take scenario detail from the streamed events
            suite.addSpecResults(ProtoSpecResult.newBuilder()
                    .setScenarioCount(i == 0 ? scenarios : 0).setScenarioFailedCount(i == 0 ? failed : 0)
                    .setScenarioSkippedCount(i == 0 ? skipped : 0).setFailed(i < specsFailed));
        }
        send(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null, 0)).setSuiteResult(suite).build());
        send(SuiteExecutionResult.newBuilder().setSuiteResult(suite).build());
    }

    /** Kill and close, as the host ends its reporters. */
    void close() throws Exception {
        for (ReporterListener l : listeners) {
            l.onKill();
            l.close();
        }
    }

    /** A small run with every kind of outcome. */
    static void sampleRun(RunDriver d) throws Exception {
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Open an account", "passed", 0);
        d.scenario("Overdraw", "failed", 0);
        d.scenario("Close an account", "skipped", 0);
        d.endSpec();
        d.startSpec("Transfers");
        d.scenario("Flaky transfer", "failed", 0);
        d.scenario("Flaky transfer", "passed", 1);
        d.endSpec();
        d.endSuite();
    }
}
