/**
 * Service provider interfaces: what the runner implements ({@link dev.stepwise.api.spi.StreamScope})
 * and what projects may implement and register with {@link java.util.ServiceLoader}
 * ({@link dev.stepwise.api.spi.ScreenshotProvider}, {@link dev.stepwise.api.spi.ParameterConverter},
 * {@link dev.stepwise.api.spi.ObjectFactory}).
 */
package dev.stepwise.api.spi;
