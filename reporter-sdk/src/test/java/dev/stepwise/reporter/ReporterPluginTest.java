package dev.stepwise.reporter;

import com.google.protobuf.Message;
import dev.stepwise.proto.DocumenterGrpc;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecDetails;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.event.DocsRequest;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecFinished;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.SuiteFinished;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReporterPluginTest {
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel c : channels) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Records every call with the thread it ran on. */
    static class Recorder implements ReporterListener {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger concurrent = new AtomicInteger();
        volatile int maxConcurrent;

        void record(String s) {
            int now = concurrent.incrementAndGet();
            maxConcurrent = Math.max(maxConcurrent, now);
            threads.add(Thread.currentThread());
            calls.add(s);
            concurrent.decrementAndGet();
        }

        @Override
        public void onSuiteStarting(SuiteStarting e) {
            record("suite:" + e.hooksDone());
        }

        @Override
        public void onSpecStarting(SpecStarting e) {
            record("spec:" + e.spec().name() + ":" + e.hooksDone());
        }

        @Override
        public void onScenarioStarting(ScenarioStarting e) {
            record("scenario:" + e.scenario().name() + ":" + e.hooksDone());
        }

        @Override
        public void onScenarioFinished(ScenarioFinished e) {
            record("scenarioEnd:" + e.result().status());
        }

        @Override
        public void onSpecFinished(SpecFinished e) {
            record("specEnd");
        }

        @Override
        public void onSuiteFinished(SuiteFinished e) {
            record("suiteEnd:" + e.hooksDone());
        }

        @Override
        public void onSuiteResult(SuiteResultReady e) {
            record("result:" + e.result().projectName());
        }

        @Override
        public void onKill() {
            record("kill");
        }

        @Override
        public void close() {
            record("close");
        }
    }

    private ReporterGrpc.ReporterBlockingStub inProcess(ReporterPlugin.Builder builder, String[] nameOut)
            throws Exception {
        String name = InProcessServerBuilder.generateName();
        builder.serverBuilder(InProcessServerBuilder.forName(name)).log(log).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        nameOut[0] = name;
        return ReporterGrpc.newBlockingStub(channel);
    }

    /** A small run's notifications, in Gauge's order: two specs of one scenario each, the second failing. */
    static List<Message> run() {
        List<Message> events = new ArrayList<>();
        events.add(ExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.info(null, null, 0)).build());
        events.add(ExecutionStartingRequest.newBuilder()
                .setCurrentExecutionInfo(Fixtures.info(null, null, 0))
                .setSuiteResult(ProtoSuiteResult.getDefaultInstance()).build());
        for (String spec : List.of("A", "B")) {
            events.add(SpecExecutionStartingRequest.newBuilder()
                    .setCurrentExecutionInfo(Fixtures.info(spec, null, 0)).build());
            events.add(SpecExecutionStartingRequest.newBuilder()
                    .setCurrentExecutionInfo(Fixtures.info(spec, null, 0))
                    .setSpecResult(dev.stepwise.proto.ProtoSpecResult.getDefaultInstance()).build());
            events.add(ScenarioExecutionStartingRequest.newBuilder()
                    .setCurrentExecutionInfo(Fixtures.info(spec, "S" + spec, 0)).build());
            events.add(StepExecutionStartingRequest.newBuilder()
                    .setCurrentExecutionInfo(Fixtures.info(spec, "S" + spec, 0)).build());
            events.add(ScenarioExecutionEndingRequest.newBuilder()
                    .setCurrentExecutionInfo(Fixtures.info(spec, "S" + spec, 0))
                    .setScenarioResult(Fixtures.scenarioResult("S" + spec, spec.equals("B"))).build());
            events.add(SpecExecutionEndingRequest.newBuilder()
                    .setCurrentExecutionInfo(Fixtures.info(spec, null, 0)).build());
        }
        events.add(ExecutionEndingRequest.getDefaultInstance());
        events.add(SuiteExecutionResult.newBuilder()
                .setSuiteResult(ProtoSuiteResult.newBuilder().setProjectName("demo")).build());
        return events;
    }

    /** What {@link Recorder} records for {@link #run()}, then Kill. */
    static final List<String> RECORDED_RUN = List.of("suite:false", "suite:true",
            "spec:A:false", "spec:A:true", "scenario:SA:false", "scenarioEnd:PASSED", "specEnd",
            "spec:B:false", "spec:B:true", "scenario:SB:false", "scenarioEnd:FAILED", "specEnd",
            "suiteEnd:false", "result:demo", "kill", "close");

    /** Sends {@link #run()} as Gauge does: one Reporter call per notification. */
    static void sendRun(ReporterGrpc.ReporterBlockingStub stub) {
        for (Message m : run()) {
            if (m instanceof ExecutionStartingRequest r) {
                stub.notifyExecutionStarting(r);
            } else if (m instanceof SpecExecutionStartingRequest r) {
                stub.notifySpecExecutionStarting(r);
            } else if (m instanceof ScenarioExecutionStartingRequest r) {
                stub.notifyScenarioExecutionStarting(r);
            } else if (m instanceof StepExecutionStartingRequest r) {
                stub.notifyStepExecutionStarting(r);
            } else if (m instanceof ScenarioExecutionEndingRequest r) {
                stub.notifyScenarioExecutionEnding(r);
            } else if (m instanceof SpecExecutionEndingRequest r) {
                stub.notifySpecExecutionEnding(r);
            } else if (m instanceof ExecutionEndingRequest r) {
                stub.notifyExecutionEnding(r);
            } else if (m instanceof SuiteExecutionResult r) {
                stub.notifySuiteResult(r);
            } else {
                throw new IllegalArgumentException(m.getClass().getName());
            }
        }
    }

    @Test
    void deliversInOrderOnOneThreadThenDrainsClosesAndStopsOnKill() throws Exception {
        Recorder recorder = new Recorder();
        ReporterPlugin.Builder builder = ReporterPlugin.builder().reporter(recorder).queueCapacity(2);
        String name = InProcessServerBuilder.generateName();
        ReporterPlugin plugin = builder.serverBuilder(InProcessServerBuilder.forName(name)).log(log).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        var stub = ReporterGrpc.newBlockingStub(channel);

        sendRun(stub);
        stub.kill(KillProcessRequest.getDefaultInstance());

        assertEquals(0, plugin.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(RECORDED_RUN, recorder.calls);
        assertEquals(1, recorder.threads.size(), "one event thread");
        assertEquals(1, recorder.maxConcurrent);
        assertEquals("stepwise-reporter-events", recorder.threads.iterator().next().getName());
    }

    @Test
    void aFailingListenerIsLoggedAndDoesNotBreakTheCallOrLaterEvents() throws Exception {
        Recorder recorder = new Recorder() {
            @Override
            public void onSpecStarting(SpecStarting e) {
                throw new IllegalStateException("boom in " + e.spec().name());
            }
        };
        String name = InProcessServerBuilder.generateName();
        ReporterPlugin plugin = ReporterPlugin.builder().reporter(recorder)
                .serverBuilder(InProcessServerBuilder.forName(name)).log(log).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        var stub = ReporterGrpc.newBlockingStub(channel);

        sendRun(stub); // no StatusRuntimeException: the calls all succeed
        stub.kill(KillProcessRequest.getDefaultInstance());

        assertEquals(1, plugin.awaitTermination(Duration.ofSeconds(10)), "exit status reports the broken listener");
        assertEquals(4, plugin.listenerFailures());
        assertTrue(recorder.calls.contains("result:demo"));
        assertTrue(recorder.calls.contains("close"));
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("\"logLevel\":\"error\""), logged);
        assertTrue(logged.contains(recorder.getClass().getName()), logged);
        assertTrue(logged.contains("failed on SpecStarting [stream 0, spec 'A' (/p/specs/A.spec)]"), logged);
        assertTrue(logged.contains("boom in A"), logged);
    }

    @Test
    void notificationsAfterKillAreRefused() throws Exception {
        String[] name = new String[1];
        var stub = inProcess(ReporterPlugin.builder().reporter(new Recorder()), name);
        stub.kill(KillProcessRequest.getDefaultInstance());
        var ex = assertThrows(StatusRuntimeException.class, () -> stub.notifyExecutionEnding(
                ExecutionEndingRequest.getDefaultInstance()));
        assertTrue(ex.getStatus().getCode() == Status.Code.UNAVAILABLE, ex.toString());
    }

    @Test
    void servesOnLoopbackAndPrintsGaugesHandshake() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Recorder recorder = new Recorder();
        ReporterPlugin plugin = ReporterPlugin.builder().reporter(recorder).environment(java.util.Map.of())
                .handshakeOut(new PrintStream(out, true, StandardCharsets.UTF_8)).log(log).build().start();
        String line = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("Listening on port:([0-9]+)").matcher(line);
        assertTrue(m.find(), line);
        int port = Integer.parseInt(m.group(1));
        assertEquals(plugin.port(), port);

        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port,
                InsecureChannelCredentials.create()).build();
        channels.add(channel);
        var stub = ReporterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        sendRun(stub);
        stub.kill(KillProcessRequest.getDefaultInstance());
        assertEquals(0, plugin.awaitTermination(Duration.ofSeconds(10)));
        assertEquals("close", recorder.calls.get(recorder.calls.size() - 1));
    }

    @Test
    void documenterIsAnsweredWhenDoneAndFailuresReachTheCaller() throws Exception {
        List<DocsRequest> seen = new ArrayList<>();
        String name = InProcessServerBuilder.generateName();
        ReporterPlugin plugin = ReporterPlugin.builder().documenter(request -> {
                    seen.add(request);
                    if (request.specs().isEmpty()) {
                        throw new java.io.IOException("nothing to document");
                    }
                }).serverBuilder(InProcessServerBuilder.forName(name)).log(log).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
        channels.add(channel);
        var stub = DocumenterGrpc.newBlockingStub(channel);

        stub.generateDocs(SpecDetails.newBuilder().addDetails(SpecDetails.SpecDetail.newBuilder()
                .setSpec(ProtoSpec.newBuilder().setSpecHeading("Login").setFileName("/p/login.spec"))).build());
        assertEquals(1, seen.size(), "answered only after the listener ran");
        assertEquals("Login", seen.get(0).specs().get(0).spec().name());

        var ex = assertThrows(StatusRuntimeException.class, () -> stub.generateDocs(SpecDetails.getDefaultInstance()));
        assertEquals(Status.Code.INTERNAL, ex.getStatus().getCode());
        assertTrue(ex.getStatus().getDescription().contains("nothing to document"), ex.getStatus().getDescription());

        stub.kill(KillProcessRequest.getDefaultInstance());
        assertEquals(1, plugin.awaitTermination(Duration.ofSeconds(10)));
    }

    @Test
    void portEnvironmentIsValidated() {
        assertEquals(0, ReporterPlugin.portFrom(java.util.Map.of()));
        assertEquals(0, ReporterPlugin.portFrom(java.util.Map.of("plugin_connection_port", "4567")));
        assertEquals(5000, ReporterPlugin.portFrom(java.util.Map.of(ReporterPlugin.PORT_ENV, "5000")));
        var ex = assertThrows(IllegalArgumentException.class,
                () -> ReporterPlugin.portFrom(java.util.Map.of(ReporterPlugin.PORT_ENV, "abc")));
        assertTrue(ex.getMessage().contains("STEPWISE_PLUGIN_PORT"));
    }
}
