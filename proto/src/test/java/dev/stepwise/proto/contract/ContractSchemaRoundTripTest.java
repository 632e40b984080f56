package dev.stepwise.proto.contract;

import static dev.stepwise.proto.contract.WireAssertions.assertRoundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.stepwise.proto.Empty;
import dev.stepwise.proto.lspServiceGrpc;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.proto.StepNamesResponse;
import dev.stepwise.proto.SuiteExecutionResult;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One representative message (or RPC) per contract file, read with descriptors built from the
 * published fact table alone: an oracle that shares nothing with our {@code .proto} sources, and
 * that covers the files gauge-java does not ship (lsp.proto, api.proto) and the facts it predates.
 */
class ContractSchemaRoundTripTest {

  private static Map<String, FileDescriptor> contract;

  @BeforeAll
  static void buildContractSchema() throws Exception {
    contract = ContractSchema.build(WireFacts.read(ContractPaths.wireContract()));
  }

  private static Descriptor type(String file, String name) {
    Descriptor type = contract.get(file).findMessageTypeByName(name);
    if (type == null) {
      throw new AssertionError(file + " of the contract has no message " + name);
    }
    return type;
  }

  @Test
  void specFile() throws Exception {
    Descriptor protoSpec = type("spec.proto", "ProtoSpec");
    assertRoundTrip(WireSamples.spec(true), bytes -> DynamicMessage.parseFrom(protoSpec, bytes));
  }

  @Test
  void messagesFile() throws Exception {
    Descriptor starting = type("messages.proto", "ExecutionStartingRequest");
    assertRoundTrip(WireSamples.executionStarting(), bytes -> DynamicMessage.parseFrom(starting, bytes));
    Descriptor cache = type("messages.proto", "CacheFileRequest");
    assertRoundTrip(WireSamples.cacheFile(), bytes -> DynamicMessage.parseFrom(cache, bytes));
  }

  @Test
  void apiFile() throws Exception {
    Descriptor api = type("api.proto", "APIMessage");
    assertRoundTrip(WireSamples.apiMessage(), bytes -> DynamicMessage.parseFrom(api, bytes));
  }

  @Test
  void servicesFileReporterRpcByTheContractsMethodName() throws Exception {
    AtomicReference<SuiteExecutionResult> received = new AtomicReference<>();
    ReporterGrpc.ReporterImplBase reporter =
        new ReporterGrpc.ReporterImplBase() {
          @Override
          public void notifySuiteResult(SuiteExecutionResult request, StreamObserver<Empty> out) {
            received.set(request);
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
          }
        };
    SuiteExecutionResult sent =
        SuiteExecutionResult.newBuilder()
            .setSuiteResult(
                ProtoSuiteResult.newBuilder()
                    .setProjectName("sample")
                    .setSuccessRate(50f)
                    .setTimestampISO("2026-11-21T23:20:00Z"))
            .build();

    DynamicMessage answer =
        callThroughContract(reporter, "services.proto", "Reporter", "NotifySuiteResult", sent.toByteArray());

    assertEquals(sent, received.get());
    assertEquals("gauge.messages.Empty", answer.getDescriptorForType().getFullName());
  }

  @Test
  void lspFileRpcByTheContractsMethodName() throws Exception {
    lspServiceGrpc.lspServiceImplBase lsp =
        new lspServiceGrpc.lspServiceImplBase() {
          @Override
          public void getStepNames(
              StepNamesRequest request, StreamObserver<StepNamesResponse> out) {
            out.onNext(StepNamesResponse.newBuilder().addSteps("Say <a> to <b>").addSteps("Wait").build());
            out.onCompleted();
          }
        };

    DynamicMessage answer =
        callThroughContract(lsp, "lsp.proto", "lspService", "GetStepNames", new byte[0]);

    StepNamesResponse decoded = StepNamesResponse.parseFrom(answer.toByteArray());
    assertEquals(java.util.List.of("Say <a> to <b>", "Wait"), decoded.getStepsList());
    assertEquals(
        "steps: \"Say <a> to <b>\"\nsteps: \"Wait\"\n",
        com.google.protobuf.TextFormat.printer().printToString(answer));
  }

  /**
   * Calls {@code service} in process with a client whose method name and message types come only
   * from the contract's descriptors.
   */
  private static DynamicMessage callThroughContract(
      BindableService service, String file, String serviceName, String method, byte[] request)
      throws Exception {
    MethodDescriptor rpc =
        contract.get(file).findServiceByName(serviceName).findMethodByName(method);
    io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod =
        io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(
                io.grpc.MethodDescriptor.generateFullMethodName(
                    rpc.getService().getFullName(), rpc.getName()))
            .setRequestMarshaller(
                ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getInputType())))
            .setResponseMarshaller(
                ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getOutputType())))
            .build();
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      return ClientCalls.blockingUnaryCall(
          channel,
          grpcMethod,
          io.grpc.CallOptions.DEFAULT,
          DynamicMessage.parseFrom(rpc.getInputType(), request));
    } finally {
      channel.shutdownNow();
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
