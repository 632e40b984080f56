package dev.stepwise.host.adapter;

import dev.stepwise.host.execution.ExecutionState;
import dev.stepwise.host.execution.Outcome;
import dev.stepwise.host.execution.RunnerClient;
import dev.stepwise.host.execution.StepSignature;
import dev.stepwise.host.execution.Validation;
import dev.stepwise.host.launch.LaunchStage;
import dev.stepwise.host.launch.ProcessProbe;
import dev.stepwise.host.launch.RunnerLaunchException;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ProtoStepValue;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.ScenarioDataStoreInitRequest;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecDataStoreInitRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.StepValidateRequest;
import dev.stepwise.proto.StepValidateResponse;
import dev.stepwise.proto.SuiteDataStoreInitRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link RunnerClient} over {@code gauge.messages.Runner}. One generic call path handles deadlines, the first-RPC
 * handshake stage and the mapping of gRPC errors as Gauge does ({@code ExecuteAndGetStatus}): the status
 * description split on {@code ||} into message and stack trace; {@code UNAVAILABLE} (or a process that exited)
 * means the runner died.
 */
public final class GrpcRunnerClient implements RunnerClient {

    private final ManagedChannel channel;
    private final RunnerGrpc.RunnerBlockingStub stub;
    private final boolean conceptMessages;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final ProcessProbe probe;
    private final Runnable onClose;
    private final int stream;
    private final boolean view;
    /** Shared by the stream views of one connection: has the runner answered once (handshake done)? */
    private final java.util.concurrent.atomic.AtomicBoolean answered;

    /**
     * @param channel         a channel to the runner; closed by {@link #close()}
     * @param conceptMessages descriptor {@code conceptMessages}
     * @param requestTimeout  deadline for ValidateStep and Kill
     * @param connectTimeout  deadline for the first RPC (the last handshake stage)
     * @param probe           the runner process, asked for its exit status and stderr when a call fails
     * @param onClose         run after the channel is closed (stops the process)
     */
    public GrpcRunnerClient(ManagedChannel channel, boolean conceptMessages, Duration requestTimeout,
                            Duration connectTimeout, ProcessProbe probe, Runnable onClose) {
        this.channel = channel;
        this.stub = RunnerGrpc.newBlockingStub(channel).withMaxInboundMessageSize(1 << 30)
                .withMaxOutboundMessageSize(1 << 30);
        this.conceptMessages = conceptMessages;
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
        this.probe = probe;
        this.onClose = onClose;
        this.stream = 0;
        this.view = false;
        this.answered = new java.util.concurrent.atomic.AtomicBoolean();
    }

    private GrpcRunnerClient(GrpcRunnerClient owner, int stream) {
        this.channel = owner.channel;
        this.stub = owner.stub;
        this.conceptMessages = owner.conceptMessages;
        this.requestTimeout = owner.requestTimeout;
        this.connectTimeout = owner.connectTimeout;
        this.probe = owner.probe;
        this.onClose = () -> { };
        this.stream = stream;
        this.view = true;
        this.answered = owner.answered;
    }

    /** A view that sends {@code stream} in execution requests; its {@link #close()} leaves the channel open. */
    @Override
    public RunnerClient forStream(int newStream) {
        return new GrpcRunnerClient(this, newStream);
    }

    @Override
    public boolean wantsConceptMessages() {
        return conceptMessages;
    }

    @Override
    public Validation validateStep(StepSignature step) {
        StepValidateRequest req = StepValidateRequest.newBuilder()
                .setStepText(step.value())
                .setNumberOfParameters(step.parameterNames().size())
                .setStepValue(ProtoStepValue.newBuilder().setStepValue(step.value())
                        .setParameterizedStepValue(step.parameterizedValue())
                        .addAllParameters(step.parameterNames()))
                .build();
        StepValidateResponse res;
        try {
            res = call(s -> s.validateStep(req), true);
        } catch (StatusRuntimeException e) {
            // A request RPC that fails leaves nothing to run against.
            throw new IllegalStateException("ValidateStep failed for '" + step.value() + "': " + describe(e), e);
        }
        if (res.getIsValid()) {
            return Validation.ok();
        }
        Validation.Error err = res.getErrorType() == StepValidateResponse.ErrorType.DUPLICATE_STEP_IMPLEMENTATION
                ? Validation.Error.DUPLICATE : Validation.Error.NOT_FOUND;
        return new Validation(false, err, res.getSuggestion());
    }

    @Override
    public Outcome initDataStore(Level level) {
        return execute(s -> switch (level) {
            case SUITE -> s.initializeSuiteDataStore(SuiteDataStoreInitRequest.newBuilder().setStream(stream).build());
            case SPEC -> s.initializeSpecDataStore(SpecDataStoreInitRequest.newBuilder().setStream(stream).build());
            case SCENARIO -> s.initializeScenarioDataStore(
                    ScenarioDataStoreInitRequest.newBuilder().setStream(stream).build());
        }, false);
    }

    @Override
    public Outcome hook(Hook hook, ExecutionState state) {
        ExecutionInfo info = ProtoMapper.executionInfo(state);
        return execute(s -> switch (hook) {
            case START_EXECUTION -> s.startExecution(
                    ExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case START_SPEC -> s.startSpecExecution(
                    SpecExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case START_SCENARIO -> s.startScenarioExecution(
                    ScenarioExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case START_STEP -> s.startStepExecution(
                    StepExecutionStartingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case FINISH_STEP -> s.finishStepExecution(
                    StepExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case FINISH_SCENARIO -> s.finishScenarioExecution(
                    ScenarioExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case FINISH_SPEC -> s.finishSpecExecution(
                    SpecExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
            case FINISH_EXECUTION -> s.finishExecution(
                    ExecutionEndingRequest.newBuilder().setCurrentExecutionInfo(info).setStream(stream).build());
        }, true);
    }

    @Override
    public Outcome executeStep(ExecutionState.StepCall call) {
        return execute(s -> s.executeStep(ProtoMapper.stepRequest(call).toBuilder().setStream(stream).build()), true);
    }

    @Override
    public Outcome concept(boolean starting, ExecutionState state) {
        ExecutionInfo info = ProtoMapper.executionInfo(state);
        return execute(s -> starting
                ? s.notifyConceptExecutionStarting(ConceptExecutionStartingRequest.newBuilder()
                        .setCurrentExecutionInfo(info).setStream(stream).build())
                : s.notifyConceptExecutionEnding(ConceptExecutionEndingRequest.newBuilder()
                        .setCurrentExecutionInfo(info).setStream(stream).build()), true);
    }

    @Override
    public void kill() {
        try {
            call(s -> s.kill(KillProcessRequest.newBuilder().build()), true);
        } catch (StatusRuntimeException e) {
            // The runner may close the connection while answering Kill; it is ending either way.
        }
    }

    @Override
    public void close() {
        if (view) {
            return;
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
        onClose.run();
    }

    private Outcome execute(Function<RunnerGrpc.RunnerBlockingStub, ExecutionStatusResponse> rpc,
                            boolean resultRequired) {
        try {
            return ProtoMapper.outcome(call(rpc, false), resultRequired);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAVAILABLE
                    || probe.exitStatus(200).isPresent()) {
                return Outcome.runnerDead(probe.describeDeath() + " (" + e.getStatus().getCode() + ")");
            }
            String desc = e.getStatus().getDescription() == null ? e.getStatus().getCode().toString()
                    : e.getStatus().getDescription();
            int sep = desc.indexOf("||");
            return sep < 0 ? Outcome.failure(desc, "")
                    : Outcome.failure(desc.substring(0, sep), desc.substring(sep + 2));
        }
    }

    /**
     * The one call path. Until the runner has answered once, a failure is a handshake failure (stage FIRST_RPC) and
     * the call waits for the channel to be ready, bounded by the connection timeout.
     */
    private <T> T call(Function<RunnerGrpc.RunnerBlockingStub, T> rpc, boolean request) {
        RunnerGrpc.RunnerBlockingStub s = stub;
        if (!answered.get()) {
            s = s.withWaitForReady().withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                T out = rpc.apply(s);
                answered.set(true);
                return out;
            } catch (StatusRuntimeException e) {
                OptionalInt exit = probe.exitStatus(500);
                throw new RunnerLaunchException(LaunchStage.FIRST_RPC, probe.command(), describe(e)
                        + (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
                        ? " (no answer within runner_connection_timeout = " + connectTimeout.toMillis() + " ms)" : ""),
                        exit, probe.stderrTail(), e);
            }
        }
        if (request) {
            s = s.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        return rpc.apply(s);
    }

    private static String describe(StatusRuntimeException e) {
        return e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                : ": " + e.getStatus().getDescription());
    }

}
