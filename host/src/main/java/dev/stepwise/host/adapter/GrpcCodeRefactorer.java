package dev.stepwise.host.adapter;

import dev.stepwise.host.launch.LaunchStage;
import dev.stepwise.host.launch.RunnerLaunchException;
import dev.stepwise.host.launch.RunnerLauncher;
import dev.stepwise.host.parser.StepSources;
import dev.stepwise.host.refactor.CodeRefactorer;
import dev.stepwise.host.refactor.RefactorException;
import dev.stepwise.host.refactor.StepRename;
import dev.stepwise.proto.FileChanges;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ParameterPosition;
import dev.stepwise.proto.ProtoStepValue;
import dev.stepwise.proto.RefactorRequest;
import dev.stepwise.proto.RefactorResponse;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.StepNameRequest;
import dev.stepwise.proto.StepNameResponse;
import io.grpc.StatusRuntimeException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link CodeRefactorer} over {@code gauge.messages.Runner}: {@code GetStepName}, then {@code Refactor} with
 * {@code saveChanges=false}, built as Gauge's {@code refactor.go} builds it. The first RPC completes the launch
 * handshake, so a runner that never answers fails with stage FIRST_RPC like {@code stepwise run}.
 */
public final class GrpcCodeRefactorer implements CodeRefactorer {

    private final RunnerLauncher.Connection connection;
    private final RunnerGrpc.RunnerBlockingStub stub;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Duration killTimeout;
    private boolean answered;

    public GrpcCodeRefactorer(RunnerLauncher.Connection connection, Duration requestTimeout, Duration connectTimeout,
                              Duration killTimeout) {
        this.connection = connection;
        this.stub = RunnerGrpc.newBlockingStub(connection.channel()).withMaxInboundMessageSize(1 << 30);
        this.requestTimeout = requestTimeout;
        this.connectTimeout = connectTimeout;
        this.killTimeout = killTimeout;
    }

    @Override
    public Presence find(String stepValue) throws RefactorException {
        StepNameResponse r = call("GetStepName",
                s -> s.getStepName(StepNameRequest.newBuilder().setStepValue(stepValue).build()));
        if (!r.getIsStepPresent()) {
            return Presence.ABSENT;
        }
        return r.getIsExternal() ? Presence.EXTERNAL : Presence.SOURCE;
    }

    @Override
    public List<FileEdit> refactor(StepRename rename) throws RefactorException {
        RefactorRequest.Builder req = RefactorRequest.newBuilder()
                .setOldStepValue(value(rename.oldStep(), rename.oldText(), rename.oldNames()))
                .setNewStepValue(value(rename.newStep(), rename.newText(), rename.newNames()))
                .setSaveChanges(false);
        for (int i = 0; i < rename.sources().size(); i++) {
            req.addParamPositions(ParameterPosition.newBuilder().setOldPosition(rename.sources().get(i))
                    .setNewPosition(i));
        }
        RefactorResponse r = call("Refactor", s -> s.refactor(req.build()));
        if (!r.getSuccess()) {
            throw new RefactorException("The runner could not rename the step in code: "
                    + (r.getError().isBlank() ? "(no reason given)" : r.getError()) + ". Nothing was changed");
        }
        List<FileEdit> edits = new ArrayList<>();
        for (FileChanges c : r.getFileChangesList()) {
            if (c.getFileContent().isEmpty() && c.getDiffsCount() > 0) {
                throw new RefactorException("The runner answered " + c.getFileName() + " with diffs only; Stepwise "
                        + "needs the whole new content (fileContent). Nothing was changed");
            }
            edits.add(new FileEdit(Path.of(c.getFileName()), c.getFileContent()));
        }
        if (edits.isEmpty() && r.getFilesChangedCount() > 0) {
            throw new RefactorException("The runner reported changed files " + r.getFilesChangedList()
                    + " without their content (did it save them itself?). Check those files");
        }
        return edits;
    }

    /**
     * Ends the runner: Kill, then wait for it to exit (a Stepwise runner exits within milliseconds of answering), so
     * that no thread of ours is still reading its output when this process exits; a runner that did not answer, or
     * does not exit, is stopped forcibly after the kill timeout.
     */
    @Override
    public void close() {
        try {
            if (answered) {
                stub.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .kill(KillProcessRequest.getDefaultInstance());
            }
        } catch (StatusRuntimeException e) {
            // The runner may drop the connection while answering Kill; it is ending either way.
        }
        connection.channel().shutdownNow();
        connection.process().stop(answered ? killTimeout : Duration.ZERO);
    }

    private static ProtoStepValue value(StepSources.Text parsed, String text, List<String> names) {
        return ProtoStepValue.newBuilder().setStepValue(parsed.value()).setParameterizedStepValue(text)
                .addAllParameters(names).build();
    }

    private <T> T call(String rpc, Function<RunnerGrpc.RunnerBlockingStub, T> f) throws RefactorException {
        if (!answered) {
            try {
                T out = f.apply(stub.withWaitForReady()
                        .withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS));
                answered = true;
                return out;
            } catch (StatusRuntimeException e) {
                throw new RunnerLaunchException(LaunchStage.FIRST_RPC, connection.process().command(),
                        rpc + ": " + describe(e), connection.process().exitStatus(500),
                        connection.process().stderrTail(), e);
            }
        }
        try {
            return f.apply(stub.withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw new RefactorException(rpc + " failed: " + describe(e) + ". Nothing was changed", e);
        }
    }

    private static String describe(StatusRuntimeException e) {
        return e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                : ": " + e.getStatus().getDescription());
    }
}
