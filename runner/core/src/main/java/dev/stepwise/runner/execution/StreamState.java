package dev.stepwise.runner.execution;

import dev.stepwise.api.Attachment;
import dev.stepwise.api.ConcurrentDataStore;
import dev.stepwise.api.DataStore;
import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.spi.ScreenshotProvider;
import dev.stepwise.api.spi.StreamScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The state of one execution stream: its spec and scenario stores, where execution is, and the
 * output captured from the step or hook running now. The suite store is shared by all streams of
 * the runner process. Bound to the threads that run the stream's code, and inherited by threads
 * that code starts.
 */
public final class StreamState implements StreamScope {

    private final int stream;
    private final DataStore suiteStore;
    private final DataStore specStore = new ConcurrentDataStore();
    private final DataStore scenarioStore = new ConcurrentDataStore();
    private final InstanceProvider instances;
    private final Path screenshotsDir;
    private final Optional<ScreenshotProvider> screenshots;

    /** Where execution is, converted from the request only if user code asks for it. */
    private volatile Supplier<ExecutionContext> context;
    private final List<String> messages = new ArrayList<>();
    private final List<String> files = new ArrayList<>();

    public StreamState(int stream, DataStore suiteStore, InstanceProvider instances, Path screenshotsDir,
                       Optional<ScreenshotProvider> screenshots) {
        this.stream = stream;
        this.suiteStore = suiteStore;
        this.instances = instances;
        this.screenshotsDir = screenshotsDir;
        this.screenshots = screenshots;
        int oneBased = Math.max(1, stream);
        ExecutionContext initial = ExecutionContext.builder().stream(oneBased).numberOfStreams(oneBased).build();
        this.context = () -> initial;
    }

    public int stream() {
        return stream;
    }

    public InstanceProvider instances() {
        return instances;
    }

    @Override
    public DataStore suiteStore() {
        return suiteStore;
    }

    @Override
    public DataStore specStore() {
        return specStore;
    }

    @Override
    public DataStore scenarioStore() {
        return scenarioStore;
    }

    @Override
    public ExecutionContext context() {
        return context.get();
    }

    /** Records where execution is; {@code context} is computed at most once, when first asked for. */
    public void setContext(Supplier<ExecutionContext> context) {
        this.context = new Once<>(context);
    }

    @Override
    public void message(String text) {
        synchronized (messages) {
            messages.add(text);
        }
    }

    @Override
    public void attach(Attachment attachment) {
        String name = attachment.name() == null || attachment.name().isBlank() ? "attachment" : attachment.name();
        try {
            String file = write(attachment.data(), name);
            synchronized (messages) {
                files.add(file);
                if (!attachment.mediaType().startsWith("image/")) {
                    messages.add("Attachment " + name + " (" + attachment.mediaType() + ", "
                            + attachment.size() + " bytes): " + file);
                }
            }
        } catch (IOException e) {
            message("Could not save attachment " + name + ": " + e);
        }
    }

    @Override
    public void captureScreenshot() {
        captureScreenshotFile().ifPresent(file -> {
            synchronized (messages) {
                files.add(file);
            }
        });
    }

    /**
     * Takes a screenshot with the configured provider and writes it, returning its file name only
     * when the file was written. A failing provider becomes a message, never a phantom file.
     */
    public Optional<String> captureScreenshotFile() {
        if (screenshots.isEmpty()) {
            return Optional.empty();
        }
        ScreenshotProvider provider = screenshots.get();
        try {
            Optional<byte[]> image = provider.capture();
            if (image.isEmpty() || image.get().length == 0) {
                return Optional.empty();
            }
            String extension = provider.mediaType().equals("image/png") ? ".png" : ".img";
            return Optional.of(write(image.get(), "screenshot" + extension));
        } catch (Exception e) {
            message("Screenshot not taken: " + e);
            return Optional.empty();
        }
    }

    /** Writes into the screenshots folder atomically, under a unique name; returns the file name. */
    private String write(byte[] data, String name) throws IOException {
        Files.createDirectories(screenshotsDir);
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String fileName = UUID.randomUUID() + "-" + safe;
        Path temp = Files.createTempFile(screenshotsDir, ".stepwise-", ".part");
        try {
            Files.write(temp, data);
            Files.move(temp, screenshotsDir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return fileName;
    }

    /** Takes the output captured since the last call. */
    public Outcome.Captured drainCaptured() {
        synchronized (messages) {
            Outcome.Captured captured = new Outcome.Captured(messages, files);
            messages.clear();
            files.clear();
            return captured;
        }
    }
}
