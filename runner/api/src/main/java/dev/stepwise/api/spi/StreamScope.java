package dev.stepwise.api.spi;

import dev.stepwise.api.Attachment;
import dev.stepwise.api.DataStore;
import dev.stepwise.api.ExecutionContext;

/**
 * What the runner provides for one execution stream while it runs a step or hook; the
 * {@link dev.stepwise.api.Stepwise} facade forwards to it.
 *
 * <p>Implemented by the runner and bound with {@link StreamBinding#bind(StreamScope)}. Every
 * method may be called from threads that step code started, so implementations must be
 * thread-safe. Messages and attachments belong to the step or hook that is executing in the
 * stream when they arrive, whichever thread sends them.
 */
public interface StreamScope {

    /** @return the store shared by the whole run in this stream */
    DataStore suiteStore();

    /** @return the store of the current specification, cleared when the next spec starts */
    DataStore specStore();

    /** @return the store of the current scenario, cleared when the next scenario starts */
    DataStore scenarioStore();

    /**
     * Adds a text message to the result of the current step or hook.
     *
     * @param text the message, never {@code null}
     */
    void message(String text);

    /**
     * Adds an attachment to the result of the current step or hook.
     *
     * @param attachment the attachment, never {@code null}
     */
    void attach(Attachment attachment);

    /**
     * Asks for a screenshot now, taken with the configured {@link ScreenshotProvider} and added to
     * the result of the current step or hook. Nothing is added when the provider has nothing to
     * capture; a capture failure is reported as a message, never as a file that does not exist.
     */
    void captureScreenshot();

    /** @return where execution in this stream currently is */
    ExecutionContext context();
}
