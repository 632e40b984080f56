package dev.stepwise.runner.execution;

import java.util.List;

/**
 * What happened when the runner executed one step, hook group or data-store reset: the runner's
 * answer to every execution RPC, before it is put into protobuf.
 *
 * @param failed                 the step or a hook failed
 * @param recoverable            with {@code failed}: later steps still run ({@code @ContinueOnFailure})
 * @param skipScenario           the code asked to skip the scenario; {@code errorMessage} says why
 * @param errorMessage           the failure's message or the skip reason; empty otherwise
 * @param stackTrace             the failure's stack trace, trimmed to user frames; empty otherwise
 * @param messages               messages the code wrote
 * @param screenshotFiles        screenshot and attachment files written, relative to the screenshots folder
 * @param failureScreenshotFile  the screenshot taken on failure, or empty when none was written
 * @param executionTimeMillis    time spent
 */
public record Outcome(
        boolean failed,
        boolean recoverable,
        boolean skipScenario,
        String errorMessage,
        String stackTrace,
        List<String> messages,
        List<String> screenshotFiles,
        String failureScreenshotFile,
        long executionTimeMillis) {

    public Outcome {
        messages = List.copyOf(messages);
        screenshotFiles = List.copyOf(screenshotFiles);
    }

    public static Outcome passed(Captured captured, long millis) {
        return new Outcome(false, false, false, "", "", captured.messages(), captured.files(), "", millis);
    }

    /** Output captured from the code while it ran. */
    public record Captured(List<String> messages, List<String> files) {
        public static final Captured NONE = new Captured(List.of(), List.of());

        public Captured {
            messages = List.copyOf(messages);
            files = List.copyOf(files);
        }
    }
}
