package dev.stepwise.reporter.internal;

import com.google.protobuf.Message;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import dev.stepwise.reporter.ReporterListener;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gauge's {@code Reporter} service. Every notification goes through {@link #accept}: stamp the receipt
 * time, queue the mapping and the listener call on the event thread, answer. The answer means "queued",
 * not "handled": a listener failure never fails the orchestrator's call.
 */
public final class ReporterService extends ReporterGrpc.ReporterImplBase {
    private final ReporterListener listener;
    private final EventDispatcher dispatcher;
    private final Runnable onKill;

    public ReporterService(ReporterListener listener, EventDispatcher dispatcher, Runnable onKill) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.onKill = Objects.requireNonNull(onKill, "onKill");
    }

    private void accept(Message request, StreamObserver<Empty> response) {
        try {
            enqueue(request);
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        } catch (RejectedExecutionException | InterruptedException e) {
            response.onError(notQueued(request, e).asRuntimeException());
        }
    }

    /**
     * The status for a request {@link #enqueue} refused: UNAVAILABLE after Kill, CANCELLED when interrupted (the
     * thread's interrupt flag is set again).
     */
    static Status notQueued(Message request, Exception refusal) {
        String type = request.getDescriptorForType().getName();
        if (refusal instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return Status.CANCELLED.withDescription("interrupted while queueing " + type);
        }
        return Status.UNAVAILABLE.withDescription(type + " arrived after Kill: " + refusal.getMessage());
    }

    /**
     * Stamps the receipt time and queues the mapping and the listener call on the event thread. The event is
     * built on the event thread: mapping cost and mapping bugs stay off the wire. The future completes when the
     * listener has been called (normally or not).
     *
     * @throws RejectedExecutionException after Kill
     * @throws InterruptedException       if interrupted while waiting for room in the queue
     */
    /** Whether no event is waiting for the listener (one may be in its hands). */
    boolean queueIsEmpty() {
        return dispatcher.queued() == 0;
    }

    CompletableFuture<Void> enqueue(Message request) throws InterruptedException {
        Instant receivedAt = Instant.now();
        String type = request.getDescriptorForType().getName();
        String who = listener.getClass().getName();
        var holder = new Object() {
            String description = type;
        };
        return dispatcher.submit(() -> "reporter " + who + " failed on " + holder.description, () -> {
            var event = EventMapper.toEvent(request, receivedAt);
            holder.description = EventMapper.describe(event);
            event.deliverTo(listener);
        });
    }

    @Override
    public void notifyExecutionStarting(ExecutionStartingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifySpecExecutionStarting(SpecExecutionStartingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyScenarioExecutionStarting(ScenarioExecutionStartingRequest request,
                                                StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyConceptExecutionStarting(ConceptExecutionStartingRequest request,
                                               StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyConceptExecutionEnding(ConceptExecutionEndingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyStepExecutionStarting(StepExecutionStartingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyStepExecutionEnding(StepExecutionEndingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyScenarioExecutionEnding(ScenarioExecutionEndingRequest request,
                                              StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifySpecExecutionEnding(SpecExecutionEndingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifyExecutionEnding(ExecutionEndingRequest request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    @Override
    public void notifySuiteResult(SuiteExecutionResult request, StreamObserver<Empty> response) {
        accept(request, response);
    }

    /** Answers first (Gauge waits for the answer), then lets the plugin drain, close and stop. */
    @Override
    public void kill(KillProcessRequest request, StreamObserver<Empty> response) {
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
        onKill.run();
    }
}
