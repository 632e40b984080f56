package dev.stepwise.host.plugins;

/** A plugin could not be started, answered with an error, or died. The message says which plugin and why. */
public class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
