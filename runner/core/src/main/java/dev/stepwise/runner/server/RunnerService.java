package dev.stepwise.runner.server;

import dev.stepwise.api.ExecutionContext;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionInfo;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.ScenarioDataStoreInitRequest;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecDataStoreInitRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.proto.StepNamesResponse;
import dev.stepwise.proto.StepValidateRequest;
import dev.stepwise.proto.StepValidateResponse;
import dev.stepwise.proto.SuiteDataStoreInitRequest;
import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.execution.Outcome;
import dev.stepwise.runner.registry.HookKind;
import dev.stepwise.runner.validation.StepValidator;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Gauge's {@code Runner} service. Every method is one line: which executor, and which engine call;
 * {@link RpcAdapter} does the rest. RPCs not overridden here (the editor features) answer
 * {@code UNIMPLEMENTED}. Execution RPCs run on their stream's thread; questions about
 * code run on a shared pool, since the registry they read is immutable.
 */
final class RunnerService extends RunnerGrpc.RunnerImplBase {

    private final ExecutionEngine engine;
    private final StepValidator validator;
    private final RpcAdapter rpc;
    private final StreamExecutors streams;
    private final ExecutorService requests;
    private final Runnable onKill;
    private final String projectName;

    RunnerService(ExecutionEngine engine, RpcAdapter rpc, StreamExecutors streams, ExecutorService requests,
                  Runnable onKill, String projectName) {
        this.engine = engine;
        this.validator = new StepValidator(engine.registry());
        this.rpc = rpc;
        this.streams = streams;
        this.requests = requests;
        this.onKill = onKill;
        this.projectName = projectName;
    }

    private ExecutionContext context(ExecutionInfo info, int stream) {
        return ProtoMapping.context(info, stream, projectName);
    }

    /** Runs an execution RPC on its stream's thread and answers with its outcome. */
    private <Q> void execute(String name, Q request, int stream, StreamObserver<ExecutionStatusResponse> out,
                             Function<Q, Outcome> body) {
        rpc.serve(name, request, out, streams.forStream(stream), q -> ProtoMapping.response(body.apply(q)));
    }

    private <Q, R> void ask(String name, Q request, StreamObserver<R> out, RpcAdapter.Handler<Q, R> body) {
        rpc.serve(name, request, out, requests, body);
    }

    @Override
    public void initializeSuiteDataStore(SuiteDataStoreInitRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("InitializeSuiteDataStore", r, r.getStream(), out, q -> engine.initializeSuiteStore(q.getStream()));
    }

    @Override
    public void startExecution(ExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("StartExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.BEFORE_SUITE, q.getStream(),
                context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void initializeSpecDataStore(SpecDataStoreInitRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("InitializeSpecDataStore", r, r.getStream(), out, q -> engine.initializeSpecStore(q.getStream()));
    }

    @Override
    public void startSpecExecution(SpecExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("StartSpecExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.BEFORE_SPEC, q.getStream(),
                context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void initializeScenarioDataStore(ScenarioDataStoreInitRequest r,
                                            StreamObserver<ExecutionStatusResponse> out) {
        execute("InitializeScenarioDataStore", r, r.getStream(), out,
                q -> engine.initializeScenarioStore(q.getStream()));
    }

    @Override
    public void startScenarioExecution(ScenarioExecutionStartingRequest r,
                                       StreamObserver<ExecutionStatusResponse> out) {
        execute("StartScenarioExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.BEFORE_SCENARIO,
                q.getStream(), context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void startStepExecution(StepExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("StartStepExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.BEFORE_STEP, q.getStream(),
                context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void executeStep(ExecuteStepRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("ExecuteStep", r, r.getStream(), out, q -> engine.executeStep(q.getStream(), ProtoMapping.stepCall(q)));
    }

    @Override
    public void finishStepExecution(StepExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("FinishStepExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.AFTER_STEP, q.getStream(),
                context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void finishScenarioExecution(ScenarioExecutionEndingRequest r,
                                        StreamObserver<ExecutionStatusResponse> out) {
        execute("FinishScenarioExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.AFTER_SCENARIO,
                q.getStream(), context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void finishSpecExecution(SpecExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("FinishSpecExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.AFTER_SPEC, q.getStream(),
                context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void finishExecution(ExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("FinishExecution", r, r.getStream(), out, q -> engine.runHooks(HookKind.AFTER_SUITE, q.getStream(),
                context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void notifyConceptExecutionStarting(ConceptExecutionStartingRequest r,
                                               StreamObserver<ExecutionStatusResponse> out) {
        execute("NotifyConceptExecutionStarting", r, r.getStream(), out,
                q -> engine.moveTo(q.getStream(), context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void notifyConceptExecutionEnding(ConceptExecutionEndingRequest r,
                                             StreamObserver<ExecutionStatusResponse> out) {
        execute("NotifyConceptExecutionEnding", r, r.getStream(), out,
                q -> engine.moveTo(q.getStream(), context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void validateStep(StepValidateRequest r, StreamObserver<StepValidateResponse> out) {
        ask("ValidateStep", r, out, q -> {
            StepValidator.Result result = validator.validate(q.getStepText(), q.getStepValue().getParametersList());
            StepValidateResponse.Builder response = StepValidateResponse.newBuilder()
                    .setIsValid(result.verdict() == StepValidator.Verdict.VALID);
            if (result.verdict() != StepValidator.Verdict.VALID) {
                response.setErrorMessage(result.message())
                        .setSuggestion(result.suggestion())
                        .setErrorType(result.verdict() == StepValidator.Verdict.NOT_FOUND
                                ? StepValidateResponse.ErrorType.STEP_IMPLEMENTATION_NOT_FOUND
                                : StepValidateResponse.ErrorType.DUPLICATE_STEP_IMPLEMENTATION);
            }
            return response.build();
        });
    }

    @Override
    public void getStepNames(StepNamesRequest r, StreamObserver<StepNamesResponse> out) {
        ask("GetStepNames", r, out, q -> StepNamesResponse.newBuilder()
                .addAllSteps(engine.registry().stepTexts()).build());
    }

    @Override
    public void kill(KillProcessRequest r, StreamObserver<Empty> out) {
        out.onNext(Empty.getDefaultInstance());
        out.onCompleted();
        onKill.run();
    }
}
