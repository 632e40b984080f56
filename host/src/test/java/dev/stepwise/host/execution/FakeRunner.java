package dev.stepwise.host.execution;

import dev.stepwise.host.adapter.GrpcRunnerClient;
import dev.stepwise.host.launch.ProcessProbe;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ProtoExecutionResult;
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
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * An in-process {@code gauge.messages.Runner} that records every RPC and answers by step text:
 * {@code fail...} fails, {@code recoverable...} fails recoverably, {@code skip...} asks to skip the scenario,
 * {@code missing...} is not implemented, {@code die...} kills the runner (every later call is UNAVAILABLE).
 * A scenario whose name contains {@code hook fails} fails its before-scenario hook.
 */
final class FakeRunner extends RunnerGrpc.RunnerImplBase implements AutoCloseable {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final List<ExecutionInfo> infos = Collections.synchronizedList(new ArrayList<>());
    private final Server server;
    private final String name = InProcessServerBuilder.generateName();
    private volatile boolean dead;

    FakeRunner() throws IOException {
        server = InProcessServerBuilder.forName(name).directExecutor().addService(this).build().start();
    }

    RunnerClient client(boolean conceptMessages) {
        return new GrpcRunnerClient(InProcessChannelBuilder.forName(name).directExecutor().build(), conceptMessages,
                Duration.ofSeconds(5), Duration.ofSeconds(5), ProcessProbe.none(), () -> { });
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private static ExecutionStatusResponse ok() {
        return ExecutionStatusResponse.newBuilder().setExecutionResult(ProtoExecutionResult.newBuilder()).build();
    }

    private <T> void answer(String call, ExecutionInfo info, StreamObserver<T> obs, Function<String, T> body) {
        if (dead) {
            obs.onError(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
            return;
        }
        calls.add(call);
        if (info != null) {
            infos.add(info);
        }
        T out = body.apply(call);
        if (out == null) {
            obs.onError(Status.UNAVAILABLE.withDescription("runner died").asRuntimeException());
            return;
        }
        obs.onNext(out);
        obs.onCompleted();
    }

    @Override
    public void validateStep(StepValidateRequest r, StreamObserver<StepValidateResponse> o) {
        answer("ValidateStep:" + r.getStepText(), null, o, c -> r.getStepText().startsWith("missing")
                ? StepValidateResponse.newBuilder().setIsValid(false)
                .setErrorType(StepValidateResponse.ErrorType.STEP_IMPLEMENTATION_NOT_FOUND)
                .setSuggestion("@Step(\"" + r.getStepText() + "\")").build()
                : StepValidateResponse.newBuilder().setIsValid(true).build());
    }

    @Override
    public void initializeSuiteDataStore(SuiteDataStoreInitRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("InitializeSuiteDataStore", null, o, c -> ok());
    }

    @Override
    public void startExecution(ExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("StartExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void initializeSpecDataStore(SpecDataStoreInitRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("InitializeSpecDataStore", null, o, c -> ok());
    }

    @Override
    public void startSpecExecution(SpecExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("StartSpecExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void initializeScenarioDataStore(ScenarioDataStoreInitRequest r,
                                            StreamObserver<ExecutionStatusResponse> o) {
        answer("InitializeScenarioDataStore", null, o, c -> ok());
    }

    @Override
    public void startScenarioExecution(ScenarioExecutionStartingRequest r,
                                       StreamObserver<ExecutionStatusResponse> o) {
        boolean fail = r.getCurrentExecutionInfo().getCurrentScenario().getName().contains("hook fails");
        answer("StartScenarioExecution", r.getCurrentExecutionInfo(), o, c -> fail
                ? ExecutionStatusResponse.newBuilder().setExecutionResult(ProtoExecutionResult.newBuilder()
                .setFailed(true).setErrorMessage("before scenario broke").setStackTrace("at Hooks.before")).build()
                : ok());
    }

    @Override
    public void startStepExecution(StepExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("StartStepExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void executeStep(ExecuteStepRequest r, StreamObserver<ExecutionStatusResponse> o) {
        String text = r.getParsedStepText();
        answer("ExecuteStep:" + r.getActualStepText(), null, o, c -> {
            if (text.startsWith("die")) {
                dead = true;
                return null;
            }
            ProtoExecutionResult.Builder b = ProtoExecutionResult.newBuilder().setExecutionTime(1);
            if (text.startsWith("fail")) {
                b.setFailed(true).setErrorMessage("boom").setStackTrace("java.lang.AssertionError: boom");
            } else if (text.startsWith("recoverable")) {
                b.setFailed(true).setRecoverableError(true).setErrorMessage("soft boom");
            } else if (text.startsWith("skip")) {
                b.setSkipScenario(true).addMessage("not today");
            }
            return ExecutionStatusResponse.newBuilder().setExecutionResult(b).build();
        });
    }

    @Override
    public void finishStepExecution(StepExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("FinishStepExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void finishScenarioExecution(ScenarioExecutionEndingRequest r,
                                        StreamObserver<ExecutionStatusResponse> o) {
        answer("FinishScenarioExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void finishSpecExecution(SpecExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("FinishSpecExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void finishExecution(ExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> o) {
        answer("FinishExecution", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void notifyConceptExecutionStarting(ConceptExecutionStartingRequest r,
                                               StreamObserver<ExecutionStatusResponse> o) {
        answer("NotifyConceptExecutionStarting", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void notifyConceptExecutionEnding(ConceptExecutionEndingRequest r,
                                             StreamObserver<ExecutionStatusResponse> o) {
        answer("NotifyConceptExecutionEnding", r.getCurrentExecutionInfo(), o, c -> ok());
    }

    @Override
    public void kill(KillProcessRequest r, StreamObserver<Empty> o) {
        answer("Kill", null, o, c -> Empty.getDefaultInstance());
    }
}
