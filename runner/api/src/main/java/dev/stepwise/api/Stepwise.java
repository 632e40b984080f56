package dev.stepwise.api;

import dev.stepwise.api.spi.StreamBinding;
import dev.stepwise.api.spi.StreamScope;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point step authors call for data stores, messages, attachments and screenshots.
 *
 * <p>Every method works on the execution stream that is running the current step or hook. The
 * stream is found through a thread binding that threads started from a step inherit, so
 * background threads of a step report to the same stream. Outside a running step or hook (no
 * runner, or a thread created before the run) every method throws
 * {@link IllegalStateException}.
 */
public final class Stepwise {

    private Stepwise() {
    }

    /** @return the store shared by the whole run (in this stream) */
    public static DataStore suiteStore() {
        return scope("suiteStore()").suiteStore();
    }

    /** @return the store of the current specification */
    public static DataStore specStore() {
        return scope("specStore()").specStore();
    }

    /** @return the store of the current scenario */
    public static DataStore scenarioStore() {
        return scope("scenarioStore()").scenarioStore();
    }

    /**
     * Adds a message to the result of the current step or hook.
     *
     * @param text the message
     */
    public static void message(String text) {
        scope("message()").message(String.valueOf(text));
    }

    /**
     * Adds a formatted message to the result of the current step or hook.
     *
     * @param format a {@link String#format(String, Object...)} format
     * @param args the format arguments
     * @throws java.util.IllegalFormatException if the format does not fit the arguments
     */
    public static void message(String format, Object... args) {
        StreamScope scope = scope("message()");
        scope.message(String.format(Objects.requireNonNull(format, "format"), args));
    }

    /**
     * Attaches content to the result of the current step or hook.
     *
     * @param data the content, copied
     * @param mediaType its media type, such as {@code application/json}
     * @param name a display name
     * @throws IllegalArgumentException if {@code mediaType} is blank
     */
    public static void attach(byte[] data, String mediaType, String name) {
        StreamScope scope = scope("attach()");
        scope.attach(new Attachment(name, mediaType, data));
    }

    /**
     * Attaches a file's current content to the result of the current step or hook.
     *
     * @param file the file, read now
     * @param mediaType its media type
     * @throws IllegalArgumentException naming the path if the file does not exist
     * @see Attachment#ofFile(Path, String)
     */
    public static void attach(Path file, String mediaType) {
        StreamScope scope = scope("attach()");
        scope.attach(Attachment.ofFile(file, mediaType));
    }

    /**
     * Takes a screenshot with the configured {@link dev.stepwise.api.spi.ScreenshotProvider} and
     * attaches it to the current step or hook; nothing is attached if there is nothing to capture.
     */
    public static void captureScreenshot() {
        scope("captureScreenshot()").captureScreenshot();
    }

    /** @return where execution in this stream currently is */
    public static ExecutionContext currentContext() {
        return scope("currentContext()").context();
    }

    private static StreamScope scope(String method) {
        return StreamBinding.current().orElseThrow(() -> new IllegalStateException(
                "Stepwise." + method + " is only available while a Stepwise runner executes a step or hook"
                        + " (on its thread or a thread started from it)"));
    }
}
