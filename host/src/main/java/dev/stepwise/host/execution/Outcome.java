package dev.stepwise.host.execution;

import java.util.List;

/**
 * What the runner answered to an execution RPC, in host terms.
 *
 * @param failed          the step or hook failed
 * @param recoverable     a failure that lets the following steps run (ContinueOnFailure)
 * @param skipScenario    the runner asked to skip the rest of the scenario
 * @param errorMessage    failure message
 * @param stackTrace      failure stack trace
 * @param messages        messages the step or hook wrote
 * @param screenshotFiles screenshot files the runner wrote
 * @param timeMillis      execution time reported by the runner
 * @param runnerDied      the runner process is gone; the message says why
 */
public record Outcome(boolean failed, boolean recoverable, boolean skipScenario, String errorMessage,
                      String stackTrace, List<String> messages, List<String> screenshotFiles, long timeMillis,
                      boolean runnerDied) {

    public Outcome {
        messages = List.copyOf(messages);
        screenshotFiles = List.copyOf(screenshotFiles);
        errorMessage = errorMessage == null ? "" : errorMessage;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    public static Outcome passed() {
        return new Outcome(false, false, false, "", "", List.of(), List.of(), 0, false);
    }

    public static Outcome failure(String message, String stackTrace) {
        return new Outcome(true, false, false, message, stackTrace, List.of(), List.of(), 0, false);
    }

    public static Outcome runnerDead(String cause) {
        return new Outcome(true, false, false, cause, "", List.of(), List.of(), 0, true);
    }
}
