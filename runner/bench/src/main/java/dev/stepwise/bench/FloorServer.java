package dev.stepwise.bench;

import dev.stepwise.proto.Empty;
import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.proto.StepNamesResponse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The benchmark's floor: the least a JVM can do and still be a Gauge runner. It binds loopback,
 * prints the port line, and answers GetStepNames and the three step RPCs with empty results,
 * inline on the transport thread. It reads no project and loads no steps. Kill exits 0.
 *
 * <p>With {@code STEPWISE_FLOOR_HANDOFF=1} it answers ExecuteStep from a thread of its own instead, as any
 * runner that runs user code must (a step that blocks the transport thread would also block Kill): the least
 * such a runner can do.
 */
public final class FloorServer {

    private FloorServer() {
    }

    public static void main(String[] args) throws Exception {
        ExecutionStatusResponse ok = ExecutionStatusResponse.newBuilder()
                .setExecutionResult(ProtoExecutionResult.newBuilder().setFailed(false))
                .build();
        Executor stepThread = "1".equals(System.getenv("STEPWISE_FLOOR_HANDOFF"))
                ? Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "floor-step");
                    t.setDaemon(true);
                    return t;
                })
                : Runnable::run;
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .directExecutor()
                .addService(new RunnerGrpc.RunnerImplBase() {
                    @Override
                    public void getStepNames(StepNamesRequest request, StreamObserver<StepNamesResponse> response) {
                        response.onNext(StepNamesResponse.getDefaultInstance());
                        response.onCompleted();
                    }

                    @Override
                    public void startStepExecution(StepExecutionStartingRequest request,
                            StreamObserver<ExecutionStatusResponse> response) {
                        response.onNext(ok);
                        response.onCompleted();
                    }

                    @Override
                    public void executeStep(ExecuteStepRequest request, StreamObserver<ExecutionStatusResponse> response) {
                        stepThread.execute(() -> {
                            response.onNext(ok);
                            response.onCompleted();
                        });
                    }

                    @Override
                    public void finishStepExecution(StepExecutionEndingRequest request,
                            StreamObserver<ExecutionStatusResponse> response) {
                        response.onNext(ok);
                        response.onCompleted();
                    }

                    @Override
                    public void kill(KillProcessRequest request, StreamObserver<Empty> response) {
                        response.onNext(Empty.getDefaultInstance());
                        response.onCompleted();
                        Thread exit = new Thread(() -> {
                            try {
                                Thread.sleep(50);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                            System.exit(0);
                        });
                        exit.start();
                    }
                })
                .build()
                .start();
        System.out.println("{\"logLevel\":\"info\",\"message\":\"Listening on port:" + server.getPort() + "\"}");
        System.out.flush();
        server.awaitTermination();
    }
}
