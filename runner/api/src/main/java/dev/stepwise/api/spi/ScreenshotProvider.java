package dev.stepwise.api.spi;

import java.util.Optional;

/**
 * Takes screenshots for {@link dev.stepwise.api.Stepwise#captureScreenshot()} and for
 * screenshot-on-failure.
 *
 * <p>Loaded by the runner with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.stepwise.api.spi.ScreenshotProvider}. It needs a public no-arg
 * constructor. A typical implementation asks a browser driver held by the test code for its
 * screenshot.
 */
public interface ScreenshotProvider {

    /**
     * Captures the screen or page now.
     *
     * @return the image bytes in {@link #mediaType()} (PNG by default); empty means there is
     *     nothing to capture (no browser open, headless machine) and nothing is attached
     * @throws Exception if capturing failed; the runner reports it as a message on the current
     *     step instead of attaching anything
     */
    Optional<byte[]> capture() throws Exception;

    /**
     * @return the media type of the bytes {@link #capture()} returns
     */
    default String mediaType() {
        return "image/png";
    }
}
