package dev.stepwise.api.spi;

/**
 * Converts a step parameter's text to a type the built-in conversions do not cover.
 *
 * <p>Loaded by the runner with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.stepwise.api.spi.ParameterConverter}; it needs a public no-arg
 * constructor. A converter for a type takes precedence over
 * {@link dev.stepwise.api.convert.StandardConversions}; two converters for the same type are a
 * configuration error that the runner reports with both class names. Table parameters are
 * passed through as {@link dev.stepwise.api.Table} and never reach a converter.
 *
 * @param <T> the target type
 */
public interface ParameterConverter<T> {

    /**
     * @return the exact parameter type this converter produces (matched by equality, not by
     *     assignability)
     */
    Class<T> targetType();

    /**
     * @param value the parameter text from the spec, never {@code null}
     * @return the converted value
     * @throws Exception if the text is not valid; the runner fails the step with a message that
     *     names the parameter and includes this exception's message
     */
    T convert(String value) throws Exception;
}
