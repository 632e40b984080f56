package dev.stepwise.runner.server;

import dev.stepwise.api.ExecutionContext;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.CacheFileRequest;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.FileDiff;
import dev.stepwise.proto.ImplementationFileGlobPatternResponse;
import dev.stepwise.proto.ImplementationFileListResponse;
import dev.stepwise.proto.RefactorRequest;
import dev.stepwise.proto.RefactorResponse;
import dev.stepwise.proto.StepNameRequest;
import dev.stepwise.proto.StepNameResponse;
import dev.stepwise.proto.StepPositionsRequest;
import dev.stepwise.proto.StepPositionsResponse;
import dev.stepwise.proto.StubImplementationCodeRequest;
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
import dev.stepwise.runner.registry.StepImplementation;
import dev.stepwise.runner.validation.StepValidator;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gauge's {@code Runner} service. Every method is one line: which executor, and which engine call;
 * {@link RpcAdapter} does the rest. Execution RPCs run on their stream's thread; questions about
 * code run on a shared pool, since the registry they read is immutable.
 */
final class RunnerService extends RunnerGrpc.RunnerImplBase {

    private final ExecutionEngine engine;
    private final Supplier<EditorService> editor;
    private final boolean answerFromSources;
    private final RpcAdapter rpc;
    private final StreamExecutors streams;
    private final ExecutorService requests;
    private final Runnable onKill;
    private final String projectName;

    /**
     * @param editor            the editor features, created on first use (JavaParser is not loaded for plain runs)
     * @param answerFromSources validate and list steps from sources: in an IDE backend, or when nothing is built
     */
    RunnerService(ExecutionEngine engine, Supplier<EditorService> editor, boolean answerFromSources, RpcAdapter rpc,
                  StreamExecutors streams, ExecutorService requests, Runnable onKill, String projectName) {
        this.engine = engine;
        this.editor = editor;
        this.answerFromSources = answerFromSources;
        this.rpc = rpc;
        this.streams = streams;
        this.requests = requests;
        this.onKill = onKill;
        this.projectName = projectName;
    }

    private ExecutionContext context(ExecutionInfo info, int stream) {
        return ProtoMapping.context(info, stream, projectName);
    }

    /** Runs an execution RPC on {@code executor} and answers with its outcome. */
    private <Q> void execute(String name, Q request, Executor executor, StreamObserver<ExecutionStatusResponse> out,
                             Function<Q, Outcome> body) {
        rpc.serve(name, request, out, executor, q -> ProtoMapping.response(body.apply(q)));
    }

    /**
     * Runs a hook RPC: on the stream's thread when hooks of that kind exist, else (no user code to
     * run) on the receiving thread if the stream is idle, which keeps step cycles fast.
     */
    private <Q> void hooks(String name, HookKind kind, Q request, int stream,
                           StreamObserver<ExecutionStatusResponse> out, Function<Q, ExecutionInfo> info) {
        Executor executor = engine.registry().hooks(kind).isEmpty()
                ? streams.inlineIfIdle(stream)
                : streams.forStream(stream);
        execute(name, request, executor, out,
                q -> engine.runHooks(kind, stream, () -> context(info.apply(q), stream)));
    }

    private <Q, R> void ask(String name, Q request, StreamObserver<R> out, RpcAdapter.Handler<Q, R> body) {
        rpc.serve(name, request, out, requests, body);
    }

    @Override
    public void initializeSuiteDataStore(SuiteDataStoreInitRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("InitializeSuiteDataStore", r, streams.forStream(r.getStream()), out,
                q -> engine.initializeSuiteStore(q.getStream()));
    }

    @Override
    public void startExecution(ExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("StartExecution", HookKind.BEFORE_SUITE, r, r.getStream(), out,
                ExecutionStartingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void initializeSpecDataStore(SpecDataStoreInitRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("InitializeSpecDataStore", r, streams.forStream(r.getStream()), out,
                q -> engine.initializeSpecStore(q.getStream()));
    }

    @Override
    public void startSpecExecution(SpecExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("StartSpecExecution", HookKind.BEFORE_SPEC, r, r.getStream(), out,
                SpecExecutionStartingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void initializeScenarioDataStore(ScenarioDataStoreInitRequest r,
                                            StreamObserver<ExecutionStatusResponse> out) {
        execute("InitializeScenarioDataStore", r, streams.forStream(r.getStream()), out,
                q -> engine.initializeScenarioStore(q.getStream()));
    }

    @Override
    public void startScenarioExecution(ScenarioExecutionStartingRequest r,
                                       StreamObserver<ExecutionStatusResponse> out) {
        hooks("StartScenarioExecution", HookKind.BEFORE_SCENARIO, r, r.getStream(), out,
                ScenarioExecutionStartingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void startStepExecution(StepExecutionStartingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("StartStepExecution", HookKind.BEFORE_STEP, r, r.getStream(), out,
                StepExecutionStartingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void executeStep(ExecuteStepRequest r, StreamObserver<ExecutionStatusResponse> out) {
        execute("ExecuteStep", r, streams.forStream(r.getStream()), out,
                q -> engine.executeStep(q.getStream(), ProtoMapping.stepCall(q)));
    }

    @Override
    public void finishStepExecution(StepExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("FinishStepExecution", HookKind.AFTER_STEP, r, r.getStream(), out,
                StepExecutionEndingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void finishScenarioExecution(ScenarioExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("FinishScenarioExecution", HookKind.AFTER_SCENARIO, r, r.getStream(), out,
                ScenarioExecutionEndingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void finishSpecExecution(SpecExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("FinishSpecExecution", HookKind.AFTER_SPEC, r, r.getStream(), out,
                SpecExecutionEndingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void finishExecution(ExecutionEndingRequest r, StreamObserver<ExecutionStatusResponse> out) {
        hooks("FinishExecution", HookKind.AFTER_SUITE, r, r.getStream(), out,
                ExecutionEndingRequest::getCurrentExecutionInfo);
    }

    @Override
    public void notifyConceptExecutionStarting(ConceptExecutionStartingRequest r,
                                               StreamObserver<ExecutionStatusResponse> out) {
        execute("NotifyConceptExecutionStarting", r, streams.inlineIfIdle(r.getStream()), out,
                q -> engine.moveTo(q.getStream(), () -> context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void notifyConceptExecutionEnding(ConceptExecutionEndingRequest r,
                                             StreamObserver<ExecutionStatusResponse> out) {
        execute("NotifyConceptExecutionEnding", r, streams.inlineIfIdle(r.getStream()), out,
                q -> engine.moveTo(q.getStream(), () -> context(q.getCurrentExecutionInfo(), q.getStream())));
    }

    @Override
    public void validateStep(StepValidateRequest r, StreamObserver<StepValidateResponse> out) {
        ask("ValidateStep", r, out, q -> {
            List<String> implementations = answerFromSources
                    ? editor.get().implementations(q.getStepText())
                    : engine.registry().find(q.getStepText()).stream().map(StepImplementation::location).toList();
            StepValidator.Result result = StepValidator.validate(q.getStepText(),
                    q.getStepValue().getParametersList(), implementations);
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
                .addAllSteps(answerFromSources ? editor.get().stepTexts() : engine.registry().stepTexts()).build());
    }

    @Override
    public void getGlobPatterns(Empty r, StreamObserver<ImplementationFileGlobPatternResponse> out) {
        ask("GetGlobPatterns", r, out, q -> editor.get().globPatterns());
    }

    @Override
    public void getImplementationFiles(Empty r, StreamObserver<ImplementationFileListResponse> out) {
        ask("GetImplementationFiles", r, out, q -> editor.get().implementationFiles());
    }

    @Override
    public void cacheFile(CacheFileRequest r, StreamObserver<Empty> out) {
        ask("CacheFile", r, out, q -> {
            editor.get().cacheFile(q);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void getStepName(StepNameRequest r, StreamObserver<StepNameResponse> out) {
        ask("GetStepName", r, out, q -> editor.get().stepName(q.getStepValue()));
    }

    @Override
    public void getStepPositions(StepPositionsRequest r, StreamObserver<StepPositionsResponse> out) {
        ask("GetStepPositions", r, out, q -> editor.get().stepPositions(q.getFilePath()));
    }

    @Override
    public void implementStub(StubImplementationCodeRequest r, StreamObserver<FileDiff> out) {
        ask("ImplementStub", r, out, q -> editor.get().implementStub(q));
    }

    @Override
    public void refactor(RefactorRequest r, StreamObserver<RefactorResponse> out) {
        ask("Refactor", r, out, q -> editor.get().refactor(q));
    }

    @Override
    public void kill(KillProcessRequest r, StreamObserver<Empty> out) {
        out.onNext(Empty.getDefaultInstance());
        out.onCompleted();
        onKill.run();
    }
}
