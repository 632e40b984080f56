package dev.stepwise.api.convert;

/**
 * A step parameter's text could not be converted to the method's parameter type. The message
 * names the value and the target type; the runner prefixes the parameter's name.
 */
public final class ConversionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String value;
    private final transient Class<?> targetType;

    /**
     * @param value the text that failed to convert
     * @param targetType the type it should have become
     * @param problem why it failed, for the message
     * @param cause the underlying failure, if any
     */
    public ConversionException(String value, Class<?> targetType, String problem, Throwable cause) {
        super("Cannot convert '" + value + "' to " + targetType.getName() + ": " + problem, cause);
        this.value = value;
        this.targetType = targetType;
    }

    /** @return the text that failed to convert */
    public String value() {
        return value;
    }

    /** @return the requested type */
    public Class<?> targetType() {
        return targetType;
    }
}
