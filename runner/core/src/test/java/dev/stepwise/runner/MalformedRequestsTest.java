package dev.stepwise.runner;

import static dev.stepwise.runner.InProcessRunner.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.proto.ExecuteStepRequest;
import dev.stepwise.proto.Parameter;
import dev.stepwise.proto.ProtoConcept;
import dev.stepwise.proto.ProtoExecutionResult;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoStepResult;
import dev.stepwise.proto.ProtoTable;
import dev.stepwise.proto.ProtoTableRow;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.StepNamesRequest;
import dev.stepwise.proto.StubImplementationCodeRequest;
import dev.stepwise.proto.RunnerGrpc;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.server.RunnerServer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests no orchestrator should send: each gets a failed result or a Status, and the runner keeps serving. */
class MalformedRequestsTest {

    @TempDir
    Path temp;
    InProcessRunner runner;

    @BeforeEach
    void start() throws Exception {
        runner = new InProcessRunner(temp, false);
    }

    @AfterEach
    void stop() throws Exception {
        assertFalse(runner.stub.getStepNames(StepNamesRequest.getDefaultInstance()).getStepsList().isEmpty(),
                "the runner still serves after the bad request");
        runner.close();
    }

    private static Parameter table(ProtoTableRow headers, ProtoTableRow... rows) {
        ProtoTable.Builder table = ProtoTable.newBuilder().setHeaders(headers);
        for (ProtoTableRow row : rows) {
            table.addRows(row);
        }
        return Parameter.newBuilder().setParameterType(Parameter.ParameterType.Table).setTable(table).build();
    }

    private static ProtoTableRow row(String... cells) {
        return ProtoTableRow.newBuilder().addAllCells(java.util.List.of(cells)).build();
    }

    @Test
    void anEmptyExecuteStepIsAFailedResult() {
        ProtoExecutionResult result = runner.stub.executeStep(ExecuteStepRequest.getDefaultInstance())
                .getExecutionResult();
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().startsWith("Step implementation not found"), result.getErrorMessage());
    }

    @Test
    void aTableWithDuplicateHeadersFailsTheStepWithTheReason() {
        ProtoExecutionResult result = runner.step("Sum the table {}", "Sum the table",
                table(row("amount", "amount"), row("1", "2")));
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("malformed"), result.getErrorMessage());
    }

    @Test
    void aRaggedTableFailsTheStepWithTheReason() {
        ProtoExecutionResult result = runner.step("Sum the table {}", "Sum the table",
                table(row("item", "amount"), row("a")));
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("malformed"), result.getErrorMessage());
    }

    @Test
    void aHugeTableIsHandled() {
        ProtoTableRow[] rows = new ProtoTableRow[100_000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row("item " + i, "1");
        }
        ProtoExecutionResult result = runner.step("Sum the table {}", "Sum the table",
                table(row("item", "amount"), rows));
        assertFalse(result.getFailed(), result.getErrorMessage());
        assertEquals(java.util.List.of("total 100000"), result.getMessageList());
    }

    @Test
    void aTableWhereTextIsExpectedFailsTheStep() {
        ProtoExecutionResult result = runner.step("Say {} to {}", "Say", text("hi"),
                table(row("a"), row("b")));
        assertTrue(result.getFailed());
        assertTrue(result.getErrorMessage().contains("receives a table"), result.getErrorMessage());
    }

    @Test
    void nestingDeeperThanProtobufAllowsIsAStatusNotACrash() throws Exception {
        ProtoItem item = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).build();
        for (int i = 0; i < 150; i++) {
            item = ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Concept)
                    .setConcept(ProtoConcept.newBuilder().addSteps(item)).build();
        }
        StepExecutionStartingRequest deep = StepExecutionStartingRequest.newBuilder()
                .setStepResult(ProtoStepResult.newBuilder().setProtoItem(item)).build();
        // Over a real transport, so the runner has to decode the bytes (in-process passes objects).
        RunnerServer loopback = RunnerServer.onLoopback(0, runner.engine,
                new JsonLog(System.err, JsonLog.Level.ERROR), new RunnerServer.Options(temp, false, false)).start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", loopback.port()).usePlaintext().build();
        try {
            RunnerGrpc.RunnerBlockingStub stub = RunnerGrpc.newBlockingStub(channel);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.startStepExecution(deep));
            assertTrue(e.getStatus().getCode() != Status.Code.OK);
            assertFalse(stub.getStepNames(StepNamesRequest.getDefaultInstance()).getStepsList().isEmpty(),
                    "the same connection still works");
        } finally {
            channel.shutdownNow();
            loopback.shutdown();
        }
    }

    @Test
    void aStubForAPathOutsideTheProjectIsRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> runner.stub.implementStub(
                StubImplementationCodeRequest.newBuilder()
                        .setImplementationFilePath(temp.resolve("../../outside/Evil.java").toString())
                        .addAllCodes(Collections.singletonList("public void x() {}")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
}
