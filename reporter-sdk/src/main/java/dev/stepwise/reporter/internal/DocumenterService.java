package dev.stepwise.reporter.internal;

import dev.stepwise.proto.DocumenterGrpc;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.SpecDetails;
import dev.stepwise.reporter.DocumenterListener;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gauge's {@code Documenter} service. Unlike reporter notifications, {@code GenerateDocs} is answered
 * only when the listener is done, and a listener failure fails the call (with its message), because
 * the documentation is the whole point of the call.
 */
public final class DocumenterService extends DocumenterGrpc.DocumenterImplBase {
    private final DocumenterListener listener;
    private final EventDispatcher dispatcher;
    private final Runnable onKill;

    public DocumenterService(DocumenterListener listener, EventDispatcher dispatcher, Runnable onKill) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.onKill = Objects.requireNonNull(onKill, "onKill");
    }

    @Override
    public void generateDocs(SpecDetails request, StreamObserver<Empty> response) {
        Instant receivedAt = Instant.now();
        String who = listener.getClass().getName();
        try {
            dispatcher.submit(() -> "documenter " + who + " failed on GenerateDocs ("
                            + request.getDetailsCount() + " specs)",
                    () -> listener.generateDocs(EventMapper.toDocsRequest(request, receivedAt)))
                    .whenComplete((ok, failure) -> {
                        if (failure == null) {
                            response.onNext(Empty.getDefaultInstance());
                            response.onCompleted();
                        } else {
                            response.onError(Status.INTERNAL.withDescription("documenter " + who + " failed: "
                                    + failure).withCause(failure).asRuntimeException());
                        }
                    });
        } catch (RejectedExecutionException e) {
            response.onError(Status.UNAVAILABLE.withDescription("GenerateDocs arrived after Kill").asRuntimeException());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
        }
    }

    @Override
    public void kill(KillProcessRequest request, StreamObserver<Empty> response) {
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
        onKill.run();
    }
}
