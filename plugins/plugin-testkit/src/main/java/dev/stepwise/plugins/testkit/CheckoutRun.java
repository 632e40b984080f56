package dev.stepwise.plugins.testkit;

import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.Fragment;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.Parameter;
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
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableDrivenScenario;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.ReporterGrpc.ReporterBlockingStub;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.ScenarioInfo;
import dev.stepwise.proto.ScenarioRetriesInfo;
import dev.stepwise.proto.Span;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.SpecInfo;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.StepInfo;
import dev.stepwise.proto.SuiteExecutionResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A realistic Gauge run of one spec, {@code specs/checkout.spec}, written into a project folder and played at a
 * reporter over gRPC in the order and shape Gauge sends it (starting notifications twice, results attached only
 * for plugins). Scenarios: "Pay by card" passes (a message and a screenshot); "Declined card" fails at its
 * second step, the third never runs, and its one retry fails again; "Shipping costs" is driven by a scenario
 * data table (two rows, both pass) and has a step with an inline table. A teardown step runs after each.
 *
 * <p>Final results: 4 test cases (the retried one counted once), 3 passed, 1 failed; 5 attempts.
 */
public final class CheckoutRun {
    public static final String SPEC = """
            # Checkout

            Tags: shop, checkout

            The cart must hold items before paying.

            * Open the shop as "alice"

            ## Pay by card

            Tags: smoke

            * Add "book" to the cart
            * Pay with card "4111"
            * The order status is "paid"

            ## Declined card

            * Add "pen" to the cart
            * Pay with card "0000"
            * The order status is "paid"

            ## Shipping costs

               |country|cost|
               |-------|----|
               |NL     |5   |
               |US     |20  |

            * Ship to <country>
            * The shipping cost is <cost>
            * The prices are
               |item|price|
               |book|10   |

            ___
            * Empty the cart
            """;
    /** 1x1 transparent PNG. */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    public static final String FAILURE_MESSAGE = "expected card 0000 to be accepted";
    public static final String FAILURE_STACK = "java.lang.AssertionError: expected card 0000 to be accepted\n"
            + "\tat shop.PaymentSteps.pay(PaymentSteps.java:42)\n";
    public static final int TEST_CASES = 4;
    public static final int FAILED = 1;
    public static final int ATTEMPTS = 5;

    private final Path projectRoot;
    private final Path specFile;
    private final String screenshot = "shot-1.png";
    private final String failureScreenshot = "failure-1.png";

    private CheckoutRun(Path projectRoot) {
        this.projectRoot = projectRoot;
        this.specFile = projectRoot.resolve("specs/checkout.spec").toAbsolutePath();
    }

    /** Writes the spec and the screenshots Gauge's screenshot folder would hold. */
    public static CheckoutRun writeProject(Path projectRoot) throws IOException {
        CheckoutRun run = new CheckoutRun(projectRoot);
        Files.createDirectories(run.specFile.getParent());
        Files.writeString(run.specFile, SPEC);
        Path shots = Files.createDirectories(projectRoot.resolve(".gauge/screenshots"));
        Files.write(shots.resolve(run.screenshot), PNG);
        Files.write(shots.resolve(run.failureScreenshot), PNG);
        return run;
    }

    public Path specFile() {
        return specFile;
    }

    /** The whole run, then Kill. */
    public void send(ReporterBlockingStub stub) {
        sendUntil(stub, Integer.MAX_VALUE);
        stub.kill(KillProcessRequest.getDefaultInstance());
    }

    /** Plays the run up to (excluding) scenario attempt number {@code attempts}; no Kill. */
    public void sendUntil(ReporterBlockingStub stub, int attempts) {
        sendRange(stub, 0, attempts, true);
    }

    /** After {@link #sendUntil(ReporterBlockingStub, int)}: the remaining attempts, the end of the run and Kill. */
    public void sendRest(ReporterBlockingStub stub) {
        sendRange(stub, sentAttempts, Integer.MAX_VALUE, false);
        stub.kill(KillProcessRequest.getDefaultInstance());
    }

    private int sentAttempts;

    private void sendRange(ReporterBlockingStub stub, int from, int attempts, boolean prologue) {
        if (prologue) {
            sendPrologue(stub);
        }
        sendAttempts(stub, from, attempts);
    }

    private void sendPrologue(ReporterBlockingStub stub) {
        stub.notifyExecutionStarting(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null)).build());
        stub.notifyExecutionStarting(ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null))
                .setSuiteResult(ProtoSuiteResult.newBuilder().setProjectName("shop")).build());
        stub.notifySpecExecutionStarting(SpecExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(info(null)).build());
        stub.notifySpecExecutionStarting(SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info(null))
                .setSpecResult(ProtoSpecResult.newBuilder().setProtoSpec(protoSpec())).build());
    }

    private void sendAttempts(ReporterBlockingStub stub, int from, int attempts) {
        List<Attempt> all = List.of(
                new Attempt("Pay by card", List.of("smoke"), 9, 16, 0, -1, List.of(
                        ok("Add \"book\" to the cart"), ok("Pay with card \"4111\"").withMessage("charged 10 EUR")
                                .withScreenshot(screenshot), ok("The order status is \"paid\""))),
                new Attempt("Declined card", List.of(), 17, 22, 0, -1, List.of(
                        ok("Add \"pen\" to the cart"), fail("Pay with card \"0000\"", failureScreenshot))),
                new Attempt("Declined card", List.of(), 17, 22, 1, -1, List.of(
                        ok("Add \"pen\" to the cart"), fail("Pay with card \"0000\"", failureScreenshot))),
                new Attempt("Shipping costs", List.of(), 23, 35, 0, 0, shipping("NL", "5")),
                new Attempt("Shipping costs", List.of(), 23, 35, 0, 1, shipping("US", "20")));
        for (int i = from; i < all.size() && i < attempts; i++) {
            scenario(stub, all.get(i));
            sentAttempts = i + 1;
        }
        if (attempts < all.size()) {
            return;
        }
        ProtoSpecResult specResult = ProtoSpecResult.newBuilder().setProtoSpec(protoSpec()).setFailed(true)
                .setScenarioCount(TEST_CASES).setScenarioFailedCount(FAILED).setExecutionTime(120)
                .setTimestampISO("2026-11-21T10:00:00Z").build();
        stub.notifySpecExecutionEnding(SpecExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null))
                .setSpecResult(specResult).build());
        ProtoSuiteResult suite = ProtoSuiteResult.newBuilder().setProjectName("shop").setFailed(true)
                .setSpecsFailedCount(1).setExecutionTime(150).setSuccessRate(0).setEnvironment("default")
                .setTimestampISO("2026-11-21T10:00:00.5Z").addSpecResults(specResult).build();
        stub.notifyExecutionEnding(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null)).build());
        stub.notifyExecutionEnding(ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info(null))
                .setSuiteResult(suite).build());
        stub.notifySuiteResult(SuiteExecutionResult.newBuilder().setSuiteResult(suite).build());
    }

    private ProtoSpec protoSpec() {
        return ProtoSpec.newBuilder().setSpecHeading("Checkout").setFileName(specFile.toString())
                .addTags("shop").addTags("checkout").build();
    }

    private static List<StepCall> shipping(String country, String cost) {
        ProtoTable prices = table(List.of("item", "price"), List.of(List.of("book", "10")));
        return List.of(
                new StepCall("Ship to <country>", "Ship to {}",
                        List.of(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Dynamic)
                                .setName("country").setValue(country).build()), null, null, null, null),
                new StepCall("The shipping cost is <cost>", "The shipping cost is {}",
                        List.of(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Dynamic)
                                .setName("cost").setValue(cost).build()), null, null, null, null),
                new StepCall("The prices are", "The prices are {}",
                        List.of(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Table)
                                .setTable(prices).build()), null, null, null, null));
    }

    static ProtoTable table(List<String> headers, List<List<String>> rows) {
        ProtoTable.Builder t = ProtoTable.newBuilder().setHeaders(ProtoTableRow.newBuilder().addAllCells(headers));
        rows.forEach(r -> t.addRows(ProtoTableRow.newBuilder().addAllCells(r)));
        return t.build();
    }

    /** A step as Gauge resolves it: quoted arguments become static parameters. */
    static StepCall ok(String actual) {
        List<Parameter> params = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(actual);
        while (m.find()) {
            params.add(Parameter.newBuilder().setParameterType(Parameter.ParameterType.Static).setValue(m.group(1))
                    .build());
        }
        return new StepCall(actual, actual.replaceAll("\"[^\"]*\"", "{}"), params, null, null, null, null);
    }

    static StepCall fail(String actual, String screenshot) {
        StepCall s = ok(actual);
        return new StepCall(s.actual, s.parsed, s.params, FAILURE_MESSAGE, screenshot, null, null);
    }

    private ExecutionInfo info(Attempt a) {
        ExecutionInfo.Builder b = ExecutionInfo.newBuilder().setProjectName("shop").setNumberOfExecutionStreams(1)
                .setCurrentSpec(SpecInfo.newBuilder().setName("Checkout").setFileName(specFile.toString())
                        .addTags("shop").addTags("checkout"));
        if (a != null) {
            b.setCurrentScenario(ScenarioInfo.newBuilder().setName(a.name).addAllTags(a.tags)
                    .setRetries(ScenarioRetriesInfo.newBuilder().setMaxRetries(1).setCurrentRetry(a.retry)));
        }
        return b.build();
    }

    private void scenario(ReporterBlockingStub stub, Attempt a) {
        ExecutionInfo info = info(a);
        stub.notifyScenarioExecutionStarting(ScenarioExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(info).build());
        stub.notifyScenarioExecutionStarting(ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info)
                .setScenarioResult(ProtoScenarioResult.newBuilder().setProtoItem(scenarioItem(a, List.of(), List.of(),
                        false))).build());
        List<ProtoItem> contexts = new ArrayList<>();
        contexts.add(step(stub, info, ok("Open the shop as \"alice\"")));
        List<ProtoItem> items = new ArrayList<>();
        boolean failed = false;
        for (StepCall s : a.steps) {
            items.add(step(stub, info, s));
            failed |= s.error != null;
        }
        List<ProtoItem> teardown = List.of(step(stub, info, ok("Empty the cart")));
        ProtoItem result = scenarioItem(a, contexts, items, failed).toBuilder().build();
        if (result.hasTableDrivenScenario()) {
            ProtoTableDrivenScenario t = result.getTableDrivenScenario();
            result = result.toBuilder().setTableDrivenScenario(t.toBuilder().setScenario(
                    t.getScenario().toBuilder().addAllTearDownSteps(teardown))).build();
        } else {
            result = result.toBuilder().setScenario(result.getScenario().toBuilder().addAllTearDownSteps(teardown))
                    .build();
        }
        stub.notifyScenarioExecutionEnding(ScenarioExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info)
                .setScenarioResult(ProtoScenarioResult.newBuilder().setProtoItem(result).setExecutionTime(30))
                .build());
    }

    private ProtoItem scenarioItem(Attempt a, List<ProtoItem> contexts, List<ProtoItem> items, boolean failed) {
        ProtoScenario s = ProtoScenario.newBuilder().setScenarioHeading(a.name).addAllTags(a.tags).setFailed(failed)
                .setExecutionStatus(failed ? ExecutionStatus.FAILED : ExecutionStatus.PASSED)
                .addAllContexts(contexts).addAllScenarioItems(items).setExecutionTime(30).setRetriesCount(a.retry)
                .setSpan(Span.newBuilder().setStart(a.startLine).setEnd(a.endLine))
                .setID(specFile + ":" + a.startLine).build();
        if (a.row < 0) {
            return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(s).build();
        }
        List<List<String>> rows = List.of(List.of("NL", "5"), List.of("US", "20"));
        return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.TableDrivenScenario)
                .setTableDrivenScenario(ProtoTableDrivenScenario.newBuilder().setScenario(s)
                        .setIsScenarioTableDriven(true).setScenarioTableRowIndex(a.row)
                        .setScenarioDataTable(table(List.of("country", "cost"), rows))
                        .setScenarioTableRow(table(List.of("country", "cost"), List.of(rows.get(a.row)))))
                .build();
    }

    private ProtoItem step(ReporterBlockingStub stub, ExecutionInfo scenarioInfo, StepCall s) {
        ExecuteStepRequest request = ExecuteStepRequest.newBuilder().setActualStepText(s.actual)
                .setParsedStepText(s.parsed).addAllParameters(s.params).build();
        ExecutionInfo info = scenarioInfo.toBuilder().setCurrentStep(StepInfo.newBuilder().setStep(request)).build();
        ProtoStep.Builder protoStep = ProtoStep.newBuilder().setActualText(s.actual).setParsedText(s.parsed);
        for (Parameter p : s.params) {
            protoStep.addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Parameter)
                    .setParameter(p));
        }
        stub.notifyStepExecutionStarting(StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info)
                .build());
        stub.notifyStepExecutionStarting(StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info)
                .setStepResult(ProtoStepResult.newBuilder().setProtoItem(ProtoItem.newBuilder()
                        .setItemType(ProtoItem.ItemType.Step).setStep(protoStep.build()))).build());
        ProtoExecutionResult.Builder r = ProtoExecutionResult.newBuilder().setExecutionTime(7);
        if (s.message != null) {
            r.addMessage(s.message);
        }
        if (s.screenshot != null) {
            r.addScreenshotFiles(s.screenshot);
        }
        StepInfo.Builder stepInfo = StepInfo.newBuilder().setStep(request);
        if (s.error != null) {
            r.setFailed(true).setErrorMessage(s.error).setStackTrace(FAILURE_STACK)
                    .setFailureScreenshotFile(s.failureScreenshot);
            stepInfo.setIsFailed(true).setErrorMessage(s.error).setStackTrace(FAILURE_STACK);
        }
        ProtoItem done = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(protoStep
                .setStepExecutionResult(ProtoStepExecutionResult.newBuilder().setExecutionResult(r))).build();
        stub.notifyStepExecutionEnding(StepExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(info.toBuilder().setCurrentStep(stepInfo))
                .setStepResult(ProtoStepResult.newBuilder().setProtoItem(done).setExecutionTime(7)).build());
        return done;
    }

    private record Attempt(String name, List<String> tags, int startLine, int endLine, int retry, int row,
                           List<StepCall> steps) {
    }

    record StepCall(String actual, String parsed, List<Parameter> params, String error, String failureScreenshot,
                    String message, String screenshot) {
        StepCall withMessage(String m) {
            return new StepCall(actual, parsed, params, error, failureScreenshot, m, screenshot);
        }

        StepCall withScreenshot(String file) {
            return new StepCall(actual, parsed, params, error, failureScreenshot, message, file);
        }
    }
}
