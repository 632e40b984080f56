package dev.stepwise.runner.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.runner.Runner;
import dev.stepwise.runner.config.RunnerConfig;
import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.server.RunnerServer;
import gauge.messages.Messages.CacheFileRequest;
import gauge.messages.Messages.Empty;
import gauge.messages.Messages.FileDiff;
import gauge.messages.Messages.ParameterPosition;
import gauge.messages.Messages.RefactorRequest;
import gauge.messages.Messages.RefactorResponse;
import gauge.messages.Messages.StepNameRequest;
import gauge.messages.Messages.StepNameResponse;
import gauge.messages.Messages.StepNamesRequest;
import gauge.messages.Messages.StepPositionsRequest;
import gauge.messages.Messages.StepPositionsResponse;
import gauge.messages.Messages.StepValidateRequest;
import gauge.messages.Messages.StepValidateResponse;
import gauge.messages.Messages.StubImplementationCodeRequest;
import gauge.messages.Messages.TextDiff;
import gauge.messages.RunnerGrpc;
import gauge.messages.Spec.ProtoStepValue;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor RPCs over real gRPC on loopback, driven by gauge-java 0.13.0's stub, against hard
 * sources that were never compiled (an IDE backend with no build).
 */
class EditorRpcTest {

    @TempDir
    Path root;
    private Path steps;
    private ExecutionEngine engine;
    private RunnerServer server;
    private ManagedChannel channel;
    private RunnerGrpc.RunnerBlockingStub runner;

    @BeforeEach
    void start() throws Exception {
        EditorProject.create(root);
        steps = root.resolve("src/main/java/shop/steps/CartSteps.java");
        RunnerConfig config = new RunnerConfig(root, 0, Optional.empty(), false, Duration.ZERO, false,
                root.resolve("shots"), true, false);
        JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                JsonLog.Level.INFO);
        engine = Runner.engineFor(config, log);
        server = RunnerServer.onLoopback(0, engine, log, new RunnerServer.Options(root, false, true)).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        runner = RunnerGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow();
        server.shutdown();
        engine.close();
    }

    private StepNameResponse stepName(String key) {
        return runner.getStepName(StepNameRequest.newBuilder().setStepValue(key).build());
    }

    @Test
    void globPatternsAndImplementationFilesComeFromTheSourceFolders() {
        List<String> globs = runner.getGlobPatterns(Empty.getDefaultInstance()).getGlobPatternsList();
        assertEquals(List.of(root.resolve("src/main/java") + "/**/*.java"), globs);
        List<String> files = runner.getImplementationFiles(Empty.getDefaultInstance()).getImplementationFilePathsList();
        assertTrue(files.contains(steps.toString()), files.toString());
        assertEquals(3, files.size(), files.toString());
    }

    @Test
    void stepNamesComeFromRealStepAnnotationsOnly() {
        List<String> names = runner.getStepNames(StepNamesRequest.getDefaultInstance()).getStepsList();
        assertEquals(List.of(
                "Add <count> items of <product> to the cart",
                "Put <count> <product> in the cart",
                "Empty the cart",
                "Open the <page> page now",
                "Say \"hi\" to <name> \u2603",
                "Check out with <table>",
                "Second class step",
                "One <a> liner"), names);
    }

    @Test
    void stepNameGivesAliasesFileAndTheMethodSpanWithOneBasedLines() {
        StepNameResponse add = stepName("Put {} {} in the cart");
        assertTrue(add.getIsStepPresent());
        assertTrue(add.getHasAlias());
        assertFalse(add.getIsExternal());
        assertEquals(List.of("Add <count> items of <product> to the cart", "Put <count> <product> in the cart"),
                add.getStepNameList());
        assertEquals(steps.toString(), add.getFileName());
        assertEquals(13, add.getSpan().getStart(), "the annotation line, 1-based");
        assertEquals(1, add.getSpan().getStartChar(), "after one tab, 0-based");
        assertEquals(16, add.getSpan().getEnd());
        assertEquals(2, add.getSpan().getEndChar(), "just after the closing brace");

        assertTrue(stepName("Check out with {}").getIsStepPresent(), "nested class, fully qualified annotation");
        assertTrue(stepName("Open the {} page now").getIsStepPresent(), "constants and concatenation");
        assertTrue(stepName("Say \"hi\" to {} \u2603").getIsStepPresent(), "escapes and unicode");
        assertTrue(stepName("Second class step").getIsStepPresent(), "second class in the file");
        assertFalse(stepName("Inside an anonymous class").getIsStepPresent());
        assertFalse(stepName("Foreign step").getIsStepPresent(), "another library's @Step");
        assertFalse(stepName("Not a step").getIsStepPresent(), "text in Javadoc");
    }

    @Test
    void stepPositionsListEveryAliasWithItsSpan() {
        StepPositionsResponse positions = runner.getStepPositions(StepPositionsRequest.newBuilder()
                .setFilePath(steps.toString()).build());
        assertEquals("", positions.getError());
        List<String> values = positions.getStepPositionsList().stream()
                .map(StepPositionsResponse.StepPosition::getStepValue).toList();
        assertEquals(List.of("Add {} items of {} to the cart", "Put {} {} in the cart", "Empty the cart",
                "Open the {} page now", "Say \"hi\" to {} \u2603", "Check out with {}", "Second class step",
                "One {} liner"), values);
        assertEquals(18, positions.getStepPositions(2).getSpan().getStart());
    }

    @Test
    void stepPositionsOfABrokenFileCarryAnError() {
        StepPositionsResponse positions = runner.getStepPositions(StepPositionsRequest.newBuilder()
                .setFilePath(root.resolve("src/main/java/shop/steps/Broken.java").toString()).build());
        assertTrue(positions.getError().contains("Broken.java has syntax errors"), positions.getError());
        assertEquals(0, positions.getStepPositionsCount());
    }

    @Test
    void unsavedEditorBuffersWinUntilClosed() throws Exception {
        String edited = Files.readString(steps).replace("\"Empty the cart\"", "\"Clear the cart\"");
        runner.cacheFile(CacheFileRequest.newBuilder().setFilePath(steps.toString()).setContent(edited)
                .setStatus(CacheFileRequest.FileStatus.OPENED).build());
        assertTrue(stepName("Clear the cart").getIsStepPresent());
        assertFalse(stepName("Empty the cart").getIsStepPresent());
        assertTrue(runner.validateStep(StepValidateRequest.newBuilder().setStepText("Clear the cart").build())
                .getIsValid(), "validation sees the buffer too");

        runner.cacheFile(CacheFileRequest.newBuilder().setFilePath(steps.toString())
                .setStatus(CacheFileRequest.FileStatus.CLOSED).build());
        assertFalse(stepName("Clear the cart").getIsStepPresent());
        assertTrue(stepName("Empty the cart").getIsStepPresent());
    }

    @Test
    void createdAndDeletedFilesFollowTheFileSystem() throws Exception {
        Path more = root.resolve("src/main/java/shop/more/Duplicates.java");
        EditorProject.write(more, EditorProject.DUPLICATES);
        runner.cacheFile(CacheFileRequest.newBuilder().setFilePath(more.toString())
                .setStatus(CacheFileRequest.FileStatus.CREATED).build());

        StepValidateResponse duplicate = runner.validateStep(StepValidateRequest.newBuilder()
                .setStepText("Empty the cart").build());
        assertFalse(duplicate.getIsValid());
        assertEquals(StepValidateResponse.ErrorType.DUPLICATE_STEP_IMPLEMENTATION, duplicate.getErrorType());
        assertTrue(duplicate.getErrorMessage().contains("CartSteps.java:18"), duplicate.getErrorMessage());
        assertTrue(duplicate.getErrorMessage().contains("Duplicates.java:6"), duplicate.getErrorMessage());

        Files.delete(more);
        runner.cacheFile(CacheFileRequest.newBuilder().setFilePath(more.toString())
                .setStatus(CacheFileRequest.FileStatus.DELETED).build());
        assertTrue(runner.validateStep(StepValidateRequest.newBuilder().setStepText("Empty the cart").build())
                .getIsValid());
    }

    @Test
    void pathsOutsideTheProjectAreRefused() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> runner.cacheFile(
                CacheFileRequest.newBuilder().setFilePath(root.resolve("../elsewhere/X.java").toString())
                        .setContent("class X {}").setStatus(CacheFileRequest.FileStatus.OPENED).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("outside the project"), e.getStatus().getDescription());
    }

    @Test
    void validateStepSuggestsACompileReadyStubThatImplementStubAddsToANewClass() throws Exception {
        StepValidateResponse missing = runner.validateStep(StepValidateRequest.newBuilder()
                .setStepText("Pay {} with {}").setNumberOfParameters(2)
                .setStepValue(ProtoStepValue.newBuilder().setStepValue("Pay {} with {}")
                        .setParameterizedStepValue("Pay <amount> with <card>").addParameters("amount")
                        .addParameters("card"))
                .build());
        assertEquals(StepValidateResponse.ErrorType.STEP_IMPLEMENTATION_NOT_FOUND, missing.getErrorType());

        Path newFile = root.resolve("src/main/java/shop/pay/PaySteps.java");
        FileDiff diff = runner.implementStub(StubImplementationCodeRequest.newBuilder()
                .setImplementationFilePath(newFile.toString()).addCodes(missing.getSuggestion()).build());

        assertEquals(newFile.toString(), diff.getFilePath());
        assertTrue(Files.exists(newFile), "the new file is created for the editor to fill");
        String content = apply("", diff.getTextDiffsList(), false);
        assertTrue(content.startsWith("package shop.pay;\n\nimport dev.stepwise.api.Step;\n"), content);
        assertTrue(content.contains("public class PaySteps {"), content);
        assertTrue(content.contains("    @Step(\"Pay <amount> with <card>\")"), content);
        assertCompiles(newFile, content);
    }

    @Test
    void implementStubAppendsAfterTheLastMethodAndAddsMissingImports() throws Exception {
        Path file = root.resolve("src/main/java/shop/steps/Plain.java");
        String original = "package shop.steps;\n\nimport java.util.List;\n\npublic class Plain {\n"
                + "    // keep me\n    public void existing() {\n    }\n}\n";
        EditorProject.write(file, original);
        String stub = runner.validateStep(StepValidateRequest.newBuilder().setStepText("Load {}")
                .setNumberOfParameters(1).build()).getSuggestion();

        FileDiff diff = runner.implementStub(StubImplementationCodeRequest.newBuilder()
                .setImplementationFilePath(file.toString()).addCodes(stub).build());

        String content = apply(original, diff.getTextDiffsList(), false);
        assertEquals("package shop.steps;\n\nimport java.util.List;\nimport dev.stepwise.api.Step;\n\n"
                + "public class Plain {\n    // keep me\n    public void existing() {\n    }\n\n"
                + "    @Step(\"Load <arg0>\")\n    public void load(String arg0) {\n"
                + "        throw new UnsupportedOperationException(\"Step not implemented yet\");\n    }\n}\n", content);
        assertCompiles(file, content);
    }

    @Test
    void refactorRenamesTheMatchedAliasAndReordersParametersKeepingEverythingElse() throws Exception {
        String before = Files.readString(steps);
        RefactorResponse response = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("Put {} {} in the cart"))
                .setNewStepValue(ProtoStepValue.newBuilder().setStepValue("Put {} in the cart {} times")
                        .setParameterizedStepValue("Put <product> in the cart <count> times")
                        .addParameters("product").addParameters("count"))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(0).setNewPosition(1))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(1).setNewPosition(0))
                .setSaveChanges(false)
                .build());

        assertTrue(response.getSuccess(), response.getError());
        assertEquals(before, Files.readString(steps), "nothing is written without saveChanges");
        String after = response.getFileChanges(0).getFileContent();
        assertEquals(before.replace("\"Put <count> <product> in the cart\"", "\"Put <product> in the cart <count> times\"")
                .replace("add(int count, /* inline comment */ String product)",
                        "add(/* inline comment */ String product, int count)"), after);
        assertEquals(after, apply(before, response.getFileChanges(0).getDiffsList(), true),
                "the diffs (1-based lines) turn the old file into the new one");
    }

    @Test
    void refactorWithSaveChangesWritesTheFileAndAddsAParameterToANoParameterMethod() throws Exception {
        String before = Files.readString(steps);
        RefactorResponse response = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("Empty the cart"))
                .setNewStepValue(ProtoStepValue.newBuilder().setStepValue("Empty the cart of {}")
                        .setParameterizedStepValue("Empty the cart of <user name>").addParameters("user name"))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(-1).setNewPosition(0))
                .setSaveChanges(true)
                .build());

        assertTrue(response.getSuccess(), response.getError());
        assertEquals(List.of(steps.toString()), response.getFilesChangedList());
        assertEquals(before.replace("@Step(value = \"Empty the cart\")\r\n\tpublic void empty() {",
                "@Step(value = \"Empty the cart of <user name>\")\r\n\tpublic void empty(String userName) {"),
                Files.readString(steps));
        assertTrue(stepName("Empty the cart of {}").getIsStepPresent(), "the index follows the saved file");
    }

    @Test
    void refactorOfAnAnnotationOnTheMethodsLineKeepsPositionsRight() throws Exception {
        RefactorResponse response = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("One {} liner"))
                .setNewStepValue(ProtoStepValue.newBuilder().setStepValue("A much longer {} liner with {}")
                        .setParameterizedStepValue("A much longer <a> liner with <b>").addParameters("a")
                        .addParameters("b"))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(0).setNewPosition(0))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(-1).setNewPosition(1))
                .build());
        assertTrue(response.getSuccess(), response.getError());
        assertTrue(response.getFileChanges(0).getFileContent().contains(
                "\t@Step(\"A much longer <a> liner with <b>\") public void oneLiner(String a, String b) { }\r\n"),
                response.getFileChanges(0).getFileContent());
    }

    @Test
    void refactorRemovesAParameter() throws Exception {
        RefactorResponse response = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("Add {} items of {} to the cart"))
                .setNewStepValue(ProtoStepValue.newBuilder().setStepValue("Add some {} to the cart")
                        .setParameterizedStepValue("Add some <product> to the cart").addParameters("product"))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(1).setNewPosition(0))
                .build());
        assertTrue(response.getSuccess(), response.getError());
        String after = response.getFileChanges(0).getFileContent();
        assertTrue(after.contains("@Step({\"Add some <product> to the cart\", \"Put <count> <product> in the cart\"})"),
                after);
        assertTrue(after.contains("public void add(/* inline comment */ String product) {"), after);
    }

    @Test
    void refactorRefusesWhatItCannotDoSafelyAndChangesNothing() throws Exception {
        String before = Files.readString(steps);
        RefactorResponse constant = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("Open the {} page now"))
                .setNewStepValue(ProtoStepValue.newBuilder().setStepValue("Visit {}")
                        .setParameterizedStepValue("Visit <page>").addParameters("page"))
                .addParamPositions(ParameterPosition.newBuilder().setOldPosition(0).setNewPosition(0))
                .setSaveChanges(true).build());
        assertFalse(constant.getSuccess());
        assertTrue(constant.getError().contains("constants or concatenation"), constant.getError());

        RefactorResponse missing = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("No such step"))
                .setNewStepValue(ProtoStepValue.newBuilder().setParameterizedStepValue("Other"))
                .setSaveChanges(true).build());
        assertFalse(missing.getSuccess());

        Path broken = root.resolve("src/main/java/shop/steps/Broken.java");
        String brokenBefore = Files.readString(broken);
        runner.cacheFile(CacheFileRequest.newBuilder().setFilePath(broken.toString())
                .setContent(brokenBefore.replace("broken( {", "broken() {"))
                .setStatus(CacheFileRequest.FileStatus.OPENED).build());
        runner.cacheFile(CacheFileRequest.newBuilder().setFilePath(broken.toString()).setContent(brokenBefore)
                .setStatus(CacheFileRequest.FileStatus.CHANGED).build());
        RefactorResponse syntax = runner.refactor(RefactorRequest.newBuilder()
                .setOldStepValue(ProtoStepValue.newBuilder().setStepValue("Broken step"))
                .setNewStepValue(ProtoStepValue.newBuilder().setParameterizedStepValue("Fixed step"))
                .setSaveChanges(true).build());
        assertFalse(syntax.getSuccess());

        assertEquals(before, Files.readString(steps));
        assertEquals(brokenBefore, Files.readString(broken));
    }

    /** Applies diffs the way Gauge does: lines 1-based ({@code oneBased}) or 0-based, characters 0-based. */
    static String apply(String text, List<TextDiff> diffs, boolean oneBased) {
        List<TextDiff> sorted = new ArrayList<>(diffs);
        sorted.sort(Comparator.comparingLong((TextDiff d) -> d.getSpan().getStart())
                .thenComparingLong(d -> d.getSpan().getStartChar()).reversed());
        String result = text;
        for (TextDiff diff : sorted) {
            int shift = oneBased ? 1 : 0;
            int start = offset(result, (int) diff.getSpan().getStart() - shift, (int) diff.getSpan().getStartChar());
            int end = offset(result, (int) diff.getSpan().getEnd() - shift, (int) diff.getSpan().getEndChar());
            result = result.substring(0, start) + diff.getContent() + result.substring(end);
        }
        return result;
    }

    private static int offset(String text, int line, int column) {
        int offset = 0;
        for (int l = 0; l < line; l++) {
            int next = text.indexOf('\n', offset);
            if (next < 0) {
                throw new AssertionError("line " + line + " is beyond the text");
            }
            offset = next + 1;
        }
        return offset + column;
    }

    private static void assertCompiles(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Path out = file.getParent().resolve("out");
        Files.createDirectories(out);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
    }
}
