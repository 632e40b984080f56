package dev.stepwise.runner.refactor;

/** A refactoring or stub request that cannot be carried out; nothing was changed. */
public final class RefactorException extends Exception {

    public RefactorException(String message) {
        super(message);
    }

    public RefactorException(String message, Throwable cause) {
        super(message, cause);
    }
}
