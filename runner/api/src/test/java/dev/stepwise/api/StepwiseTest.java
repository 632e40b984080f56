package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.spi.StreamBinding;
import dev.stepwise.api.spi.StreamScope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // bindings are opened for their scope, not referenced
class StepwiseTest {

    /** A scope that records what the facade forwards, like the runner's per-stream scope. */
    static final class RecordingScope implements StreamScope {
        final DataStore suite = new ConcurrentDataStore();
        final DataStore spec = new ConcurrentDataStore();
        final DataStore scenario = new ConcurrentDataStore();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<Attachment> attachments = new CopyOnWriteArrayList<>();
        int screenshots;
        final ExecutionContext context;

        RecordingScope(int stream) {
            context = ExecutionContext.builder().numberOfStreams(4).stream(stream).build();
        }

        public DataStore suiteStore() { return suite; }
        public DataStore specStore() { return spec; }
        public DataStore scenarioStore() { return scenario; }
        public void message(String text) { messages.add(text); }
        public void attach(Attachment attachment) { attachments.add(attachment); }
        public void captureScreenshot() { screenshots++; }
        public ExecutionContext context() { return context; }
    }

    @AfterEach
    void noBindingLeaks() {
        assertTrue(StreamBinding.current().isEmpty(), "a test left a binding behind");
    }

    @Test
    void withoutBindingEverythingFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Stepwise::scenarioStore);
        assertTrue(e.getMessage().contains("Stepwise.scenarioStore() is only available while a Stepwise runner"
                + " executes a step or hook"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Stepwise.message("x"));
        assertThrows(IllegalStateException.class, Stepwise::currentContext);
        assertThrows(IllegalStateException.class, Stepwise::captureScreenshot);
        assertThrows(IllegalStateException.class, () -> Stepwise.attach(new byte[0], "text/plain", "n"));
    }

    @Test
    void forwardsToBoundScope() {
        RecordingScope scope = new RecordingScope(2);
        try (var ignored = StreamBinding.bind(scope)) {
            Stepwise.suiteStore().put("s", 1);
            Stepwise.specStore().put("p", 2);
            Stepwise.scenarioStore().put("c", 3);
            Stepwise.message("plain %s");
            Stepwise.message("formatted %s=%d", "x", 5);
            Stepwise.attach("hello".getBytes(StandardCharsets.UTF_8), "text/plain", "greeting.txt");
            Stepwise.captureScreenshot();
            assertEquals(2, Stepwise.currentContext().stream());
        }
        assertEquals(1, scope.suite.get("s"));
        assertEquals(2, scope.spec.get("p"));
        assertEquals(3, scope.scenario.get("c"));
        assertEquals(List.of("plain %s", "formatted x=5"), scope.messages);
        assertEquals(new Attachment("greeting.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)),
                scope.attachments.get(0));
        assertEquals(1, scope.screenshots);
    }

    @Test
    void threadsStartedFromAStepInheritTheStream() throws Exception {
        RecordingScope scope = new RecordingScope(1);
        try (var ignored = StreamBinding.bind(scope)) {
            Thread t = new Thread(() -> Stepwise.message("from child"));
            t.start();
            t.join();
        }
        assertEquals(List.of("from child"), scope.messages);
    }

    @Test
    void parallelStreamsStaySeparate() throws Exception {
        RecordingScope one = new RecordingScope(1);
        RecordingScope two = new RecordingScope(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable stream1 = () -> {
            try (var ignored = StreamBinding.bind(one)) {
                Stepwise.suiteStore().put("who", "one");
                Stepwise.message("one");
            }
        };
        Runnable stream2 = () -> {
            try (var ignored = StreamBinding.bind(two)) {
                Stepwise.suiteStore().put("who", "two");
                Stepwise.message("two");
            }
        };
        Thread a = new Thread(stream1);
        Thread b = new Thread(stream2);
        a.setUncaughtExceptionHandler((th, e) -> failure.set(e));
        b.setUncaughtExceptionHandler((th, e) -> failure.set(e));
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(null, failure.get());
        assertEquals("one", one.suite.get("who"));
        assertEquals("two", two.suite.get("who"));
        assertEquals(List.of("one"), one.messages);
        assertEquals(List.of("two"), two.messages);
    }

    @Test
    void closeRestoresPreviousBindingAndIsIdempotent() {
        RecordingScope outer = new RecordingScope(1);
        RecordingScope inner = new RecordingScope(2);
        StreamBinding.Binding o = StreamBinding.bind(outer);
        StreamBinding.Binding i = StreamBinding.bind(inner);
        assertSame(inner, StreamBinding.current().orElseThrow());
        i.close();
        assertSame(outer, StreamBinding.current().orElseThrow());
        i.close();
        assertSame(outer, StreamBinding.current().orElseThrow(), "second close must not pop again");
        o.close();
        assertFalse(StreamBinding.current().isPresent());
    }

    @Test
    void fileAttachments(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("log.txt"), "abc");
        RecordingScope scope = new RecordingScope(1);
        try (var ignored = StreamBinding.bind(scope)) {
            Stepwise.attach(file, "text/plain");
            Path missing = dir.resolve("nope.png");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Stepwise.attach(missing, "image/png"));
            assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Stepwise.attach(dir, "text/plain"));
        }
        assertEquals(1, scope.attachments.size(), "nothing is attached for a missing file");
        Attachment a = scope.attachments.get(0);
        assertEquals("log.txt", a.name());
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), a.data());
    }
}
