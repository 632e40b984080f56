package dev.stepwise.proto.contract;

import static dev.stepwise.proto.contract.WireAssertions.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.ExecutionStatusResponse;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.RunnerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Messages built with our classes read field for field with gauge-java 0.13.0's generated classes,
 * and back; and gauge-java's gRPC stub calls our service by the same method names.
 */
class GaugeJavaRoundTripTest {

  @Test
  void specFileMessage() throws Exception {
    assertRoundTrip(WireSamples.spec(false), gauge.messages.Spec.ProtoSpec::parseFrom);
  }

  @Test
  void messagesFileMessages() throws Exception {
    assertRoundTrip(WireSamples.executeStep(), gauge.messages.Messages.ExecuteStepRequest::parseFrom);
    assertRoundTrip(
        WireSamples.executionStarting(), gauge.messages.Messages.ExecutionStartingRequest::parseFrom);
    assertRoundTrip(WireSamples.cacheFile(), gauge.messages.Messages.CacheFileRequest::parseFrom);
  }

  @Test
  void servicesFileRpcIsCallableWithGaugeJavasStub() throws Exception {
    AtomicReference<ExecuteStepRequest> received = new AtomicReference<>();
    RunnerGrpc.RunnerImplBase service =
        new RunnerGrpc.RunnerImplBase() {
          @Override
          public void executeStep(
              ExecuteStepRequest request, StreamObserver<ExecutionStatusResponse> response) {
            received.set(request);
            response.onNext(
                ExecutionStatusResponse.newBuilder()
                    .setExecutionResult(
                        ProtoExecutionResult.newBuilder()
                            .setFailed(true)
                            .setErrorMessage("ran " + request.getParsedStepText())
                            .setExecutionTime(request.getParametersCount()))
                    .build());
            response.onCompleted();
          }
        };
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      gauge.messages.Messages.ExecutionStatusResponse answer =
          gauge.messages.RunnerGrpc.newBlockingStub(channel)
              .executeStep(
                  gauge.messages.Messages.ExecuteStepRequest.parseFrom(
                      WireSamples.executeStep().toByteArray()));

      assertEquals(WireSamples.executeStep(), received.get());
      assertEquals(true, answer.getExecutionResult().getFailed());
      assertEquals("ran Say {} to {}", answer.getExecutionResult().getErrorMessage());
      assertEquals(3, answer.getExecutionResult().getExecutionTime());
    } finally {
      channel.shutdownNow();
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
