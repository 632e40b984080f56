package dev.stepwise.host.execution;

/**
 * The runner's answer to ValidateStep.
 *
 * @param valid      the step has exactly one implementation
 * @param error      why not, as Gauge words it
 * @param suggestion an implementation stub the runner suggests
 */
public record Validation(boolean valid, Error error, String suggestion) {

    /** Gauge's wording for the two validation error types. */
    public enum Error {
        NONE(""), NOT_FOUND("Step implementation not found"), DUPLICATE("Duplicate step implementation");

        private final String message;

        Error(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    public static Validation ok() {
        return new Validation(true, Error.NONE, "");
    }
}
