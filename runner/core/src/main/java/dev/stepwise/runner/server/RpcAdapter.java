package dev.stepwise.runner.server;

import dev.stepwise.runner.execution.StackTraces;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.refactor.RefactorException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one path every RPC handler takes: the work runs on the chosen executor, its answer goes to
 * the caller, and anything it throws (an {@link Error} included) becomes a gRPC {@link Status} with
 * a description naming the RPC. One failing request never takes the process down.
 */
public final class RpcAdapter {

    /** The body of one RPC. */
    @FunctionalInterface
    public interface Handler<Q, R> {
        R handle(Q request) throws Exception;
    }

    /**
     * An executor that is told apart the work of a request and the sending of its answer, so it can count itself
     * idle before the answer leaves. The caller's next request may arrive as soon as the answer is out, and should
     * find the stream idle (see {@link StreamExecutors#inlineIfIdle}).
     */
    interface WorkThenAnswer extends Executor {
        void execute(Runnable work, Runnable answer);

        @Override
        default void execute(Runnable task) {
            execute(task, () -> { });
        }
    }

    private final JsonLog log;

    public RpcAdapter(JsonLog log) {
        this.log = log;
    }

    /** Runs {@code handler} for {@code request} on {@code executor} and answers {@code response}. */
    public <Q, R> void serve(String rpc, Q request, StreamObserver<R> response, Executor executor, Handler<Q, R> handler) {
        try {
            if (executor instanceof WorkThenAnswer phased) {
                var answer = new Object() {
                    Runnable send;
                };
                phased.execute(() -> answer.send = work(rpc, request, response, handler), () -> answer.send.run());
            } else {
                executor.execute(() -> work(rpc, request, response, handler).run());
            }
        } catch (RejectedExecutionException e) {
            response.onError(Status.UNAVAILABLE
                    .withDescription(rpc + ": the runner is shutting down")
                    .withCause(e)
                    .asRuntimeException());
        }
    }

    /** Handles the request; returns how to send the answer (or the error). */
    private <Q, R> Runnable work(String rpc, Q request, StreamObserver<R> response, Handler<Q, R> handler) {
        R result;
        try {
            result = handler.handle(request);
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error(rpc + " failed", t);
            Status status = statusOf(rpc, t);
            return () -> send(rpc, () -> response.onError(status.asRuntimeException()));
        }
        return () -> send(rpc, () -> {
            response.onNext(result);
            response.onCompleted();
        });
    }

    private void send(String rpc, Runnable answer) {
        try {
            answer.run();
        } catch (RuntimeException e) {
            // The caller went away (cancelled or disconnected); nothing left to tell it.
            log.debug(rpc + ": could not send the answer: " + e);
        }
    }

    /**
     * The status for a failure: invalid requests are the caller's fault, anything else is internal.
     * The description uses Gauge's {@code message||stack} convention, which Gauge splits into an
     * error message and a stack trace.
     */
    static Status statusOf(String rpc, Throwable t) {
        boolean callersFault = t instanceof IllegalArgumentException || t instanceof RefactorException;
        Status status = callersFault ? Status.INVALID_ARGUMENT : Status.INTERNAL;
        String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        return status.withDescription(rpc + ": " + message + "||" + StackTraces.of(t)).withCause(t);
    }
}
