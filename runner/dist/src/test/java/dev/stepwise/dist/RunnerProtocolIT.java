package dev.stepwise.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import gauge.messages.Messages;
import gauge.messages.Messages.ExecutionStatusResponse;
import gauge.messages.Messages.StepValidateResponse;
import gauge.messages.RunnerGrpc;
import gauge.messages.Spec;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The installed plugin, launched as Gauge launches it, driven over gRPC by gauge-java 0.13.0's own
 * generated client in the order a serial `gauge run` sends its requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerProtocolIT {

    private Path work;
    private Path installed;
    private TestProject project;
    private RunnerProcess runner;
    private ManagedChannel channel;
    private RunnerGrpc.RunnerBlockingStub stub;

    @BeforeAll
    void launch() throws Exception {
        work = ItEnv.newWorkDir("protocol");
        installed = PluginInstall.install(work.resolve("gauge-home"));
        project = TestProject.create(work.resolve("project"));
        Map<String, String> env = Map.of("STEPWISE_CDS_DIR", work.resolve("cds").toString());
        // A user's first launch writes the AppCDS archive at exit, which makes that exit slower;
        // RunnerLifecycleIT covers it. Here the archive is made first, so the Kill test measures
        // the runner and not the one-off dump.
        RunnerProcess.warmCdsArchive(installed, project.root, env);
        runner = RunnerProcess.start(installed, project.root, env);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", runner.port).usePlaintext().build();
        stub = RunnerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (runner != null) {
            runner.close();
        }
    }

    private RunnerGrpc.RunnerBlockingStub stub() {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private static Messages.StepValidateRequest validate(String parameterized, List<String> params) {
        String value = parameterized.replaceAll("<[^>]*>", "{}");
        return Messages.StepValidateRequest.newBuilder()
                .setStepText(value)
                .setNumberOfParameters(params.size())
                .setStepValue(Spec.ProtoStepValue.newBuilder()
                        .setStepValue(value)
                        .setParameterizedStepValue(parameterized)
                        .addAllParameters(params))
                .build();
    }

    @Test
    @Order(1)
    void validateStepFindsAnImplementedStep() {
        StepValidateResponse response = stub().validateStep(validate("Say <what> to <who>", List.of("what", "who")));
        assertTrue(response.getIsValid(), () -> "expected valid, got " + response + runner.output());
    }

    @Test
    @Order(2)
    void validateStepReportsAMissingStepWithASuggestion() {
        StepValidateResponse response = stub().validateStep(validate("Order <count> coffees", List.of("count")));
        assertFalse(response.getIsValid(), () -> "expected invalid, got " + response);
        assertEquals(StepValidateResponse.ErrorType.STEP_IMPLEMENTATION_NOT_FOUND, response.getErrorType(),
                () -> response.toString());
        assertFalse(response.getSuggestion().isBlank(), () -> "expected a suggestion stub, got " + response);
        assertTrue(response.getSuggestion().contains("Order"), () -> "the suggestion should name the step: " + response);
    }

    @Test
    @Order(3)
    void validateStepReportsADuplicate() {
        StepValidateResponse response = stub().validateStep(validate("A duplicated step", List.of()));
        assertFalse(response.getIsValid(), () -> "expected invalid, got " + response);
        assertEquals(StepValidateResponse.ErrorType.DUPLICATE_STEP_IMPLEMENTATION, response.getErrorType(),
                () -> response.toString());
    }

    @Test
    @Order(4)
    void getStepNamesListsEveryStep() {
        List<String> steps = stub().getStepNames(Messages.StepNamesRequest.getDefaultInstance()).getStepsList();
        for (String expected : List.of("Say <what> to <who>", "A step that fails", "A step that passes", "A duplicated step")) {
            String asValue = expected.replaceAll("<[^>]*>", "{}");
            assertTrue(steps.contains(expected) || steps.contains(asValue),
                    () -> "GetStepNames lacks '" + expected + "': " + steps);
        }
    }

    private static Messages.ExecutionInfo info() {
        return Messages.ExecutionInfo.newBuilder()
                .setProjectName("project")
                .setNumberOfExecutionStreams(1)
                .setRunnerId(0)
                .setCurrentSpec(Messages.SpecInfo.newBuilder().setName("IT spec").setFileName("/tmp/it.spec"))
                .setCurrentScenario(Messages.ScenarioInfo.newBuilder().setName("IT scenario"))
                .build();
    }

    private static Spec.Parameter param(String value) {
        return Spec.Parameter.newBuilder()
                .setParameterType(Spec.Parameter.ParameterType.Static)
                .setValue(value)
                .build();
    }

    private ExecutionStatusResponse runStep(String parsed, String actual, Spec.Parameter... params) {
        Messages.ExecuteStepRequest step = Messages.ExecuteStepRequest.newBuilder()
                .setParsedStepText(parsed)
                .setActualStepText(actual)
                .addAllParameters(List.of(params))
                .build();
        Messages.ExecutionInfo withStep = info().toBuilder()
                .setCurrentStep(Messages.StepInfo.newBuilder().setStep(step))
                .build();
        ExecutionStatusResponse before = stub().startStepExecution(Messages.StepExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(withStep).build());
        assertFalse(before.getExecutionResult().getFailed(), () -> "before-step: " + before);
        ExecutionStatusResponse result = stub().executeStep(step);
        ExecutionStatusResponse after = stub().finishStepExecution(Messages.StepExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(withStep).build());
        assertFalse(after.getExecutionResult().getFailed(), () -> "after-step: " + after);
        return result;
    }

    @Test
    @Order(5)
    void executesStepsInGaugesOrder() {
        ExecutionStatusResponse suiteStore = stub().initializeSuiteDataStore(
                Messages.SuiteDataStoreInitRequest.newBuilder().setStream(0).build());
        assertFalse(suiteStore.getExecutionResult().getFailed(), suiteStore::toString);

        ExecutionStatusResponse started = stub().startExecution(Messages.ExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(Messages.ExecutionInfo.newBuilder().setProjectName("project")).build());
        assertTrue(started.hasExecutionResult(), "StartExecution must carry an executionResult (Gauge dereferences it)");
        assertFalse(started.getExecutionResult().getFailed(), started::toString);

        ExecutionStatusResponse passing = runStep("Say {} to {}", "Say \"hello\" to \"world\"", param("hello"), param("world"));
        assertTrue(passing.hasExecutionResult(), passing::toString);
        assertFalse(passing.getExecutionResult().getFailed(), () -> "passing step failed: " + passing + runner.output());

        ExecutionStatusResponse noArgs = runStep("A step that passes", "A step that passes");
        assertFalse(noArgs.getExecutionResult().getFailed(), noArgs::toString);

        ExecutionStatusResponse failing = runStep("A step that fails", "A step that fails");
        assertTrue(failing.getExecutionResult().getFailed(), () -> "failing step passed: " + failing);
        assertTrue(failing.getExecutionResult().getErrorMessage().contains("expected failure from the IT project"),
                () -> "the error message should carry the assertion's message: " + failing);
        assertFalse(failing.getExecutionResult().getStackTrace().isBlank(), () -> "no stack trace: " + failing);

        ExecutionStatusResponse unknown = runStep("No such step {}", "No such step \"x\"", param("x"));
        assertTrue(unknown.getExecutionResult().getFailed(), () -> "an unknown step must fail: " + unknown);
        assertTrue(runner.process.isAlive(), "an unknown step must not end the runner");

        ExecutionStatusResponse finished = stub().finishExecution(Messages.ExecutionEndingRequest.newBuilder()
                .setCurrentExecutionInfo(Messages.ExecutionInfo.newBuilder().setProjectName("project")).build());
        assertTrue(finished.hasExecutionResult(), finished::toString);
        assertFalse(finished.getExecutionResult().getFailed(), finished::toString);
    }

    @Test
    @Order(6)
    void listensOnLoopbackOnly() throws IOException {
        // Nothing but loopback is ever dialled here: the workplace forbids traffic to any other
        // address, including this machine's own LAN address. 127.0.0.2 is loopback too, but a
        // socket bound to 127.0.0.1 does not accept there, while one bound to 0.0.0.0 would.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.2", runner.port), 2000);
            fail("the runner accepted a connection on 127.0.0.2:" + runner.port + ", so it is not bound to 127.0.0.1 only");
        } catch (ConnectException expected) {
            // refused: bound to 127.0.0.1, not to a wildcard address
        } catch (java.net.SocketTimeoutException | java.net.NoRouteToHostException e) {
            Assumptions.abort("127.0.0.2 is not routable on this machine (" + e + "); the wildcard check is skipped");
        }
        // And the kernel's own view (Linux): every listening socket on the port is a loopback one.
        Path tcp = Path.of("/proc/net/tcp");
        Assumptions.assumeTrue(Files.isReadable(tcp), "no /proc/net/tcp on this OS: the socket table check is skipped");
        String portHex = String.format(Locale.ROOT, ":%04X", runner.port);
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                // f[1] = local address:port (hex), f[3] = state, 0A = LISTEN
                if (f.length > 3 && f[1].endsWith(portHex) && f[3].equals("0A")) {
                    listening.add(f[1]);
                }
            }
        }
        assertFalse(listening.isEmpty(), "no listening socket on port " + runner.port + " in /proc/net/tcp{,6}");
        for (String local : listening) {
            String address = local.substring(0, local.indexOf(':'));
            boolean loopback4 = address.equals("0100007F");
            boolean loopback6 = address.equals("00000000000000000000000001000000")
                    || address.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
            assertTrue(loopback4 || loopback6, "listening on a non-loopback address: " + local + " (all: " + listening + ")");
        }
    }

    @Test
    @Order(100)
    void killIsAnsweredAndTheProcessExitsWithZero() throws InterruptedException {
        Messages.Empty answer = stub().kill(Messages.KillProcessRequest.getDefaultInstance());
        assertNotNull(answer);
        long start = System.nanoTime();
        Integer exit = runner.awaitExit(Duration.ofSeconds(2));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertNotNull(exit, () -> "the runner was still alive 2 s after answering Kill\n" + runner.output());
        assertEquals(0, exit, () -> "exit code after Kill\n" + runner.output());
        System.out.println("runner exited " + ms + " ms after Kill was answered");
    }
}
