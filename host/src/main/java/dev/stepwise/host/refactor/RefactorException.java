package dev.stepwise.host.refactor;

/** A refactoring that cannot be done; nothing has been changed when it is thrown. The message says why and where. */
public final class RefactorException extends Exception {

    public RefactorException(String message) {
        super(message);
    }

    public RefactorException(String message, Throwable cause) {
        super(message, cause);
    }
}
