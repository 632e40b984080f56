package dev.stepwise.runner;

import dev.stepwise.api.spi.ObjectFactory;
import dev.stepwise.api.spi.ParameterConverter;
import dev.stepwise.api.spi.ScreenshotProvider;
import dev.stepwise.runner.classpath.ProjectClasspath;
import dev.stepwise.runner.classpath.UserCodeLoader;
import dev.stepwise.runner.config.RunnerConfig;
import dev.stepwise.runner.execution.ExecutionEngine;
import dev.stepwise.runner.execution.InstanceProvider;
import dev.stepwise.runner.execution.ParameterBinder;
import dev.stepwise.runner.log.JsonLog;
import dev.stepwise.runner.registry.RegistryLoader;
import dev.stepwise.runner.registry.StepImplementation;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Assembles a runner for a project: its class loader, registry, extensions and engine. */
public final class Runner {

    private Runner() {
    }

    /** Loads the project's steps and extensions and builds the engine that runs them. */
    public static ExecutionEngine engineFor(RunnerConfig config, JsonLog log) throws IOException {
        ProjectClasspath classpath = ProjectClasspath.resolve(config.projectRoot(), config.classpath());
        log.debug("Project classpath from " + classpath.source() + ": " + classpath.entries());
        UserCodeLoader loader = new UserCodeLoader(classpath, Runner.class.getClassLoader());
        RegistryLoader.Loaded loaded = new RegistryLoader(log).load(classpath, loader);
        loaded.registry().duplicates().forEach((key, steps) -> log.warning("Duplicate step implementation '" + key
                + "': " + steps.stream().map(StepImplementation::location).collect(Collectors.joining(", "))));
        if (loaded.registry().stepCount() == 0) {
            log.warning("No steps found on the classpath from " + classpath.source() + " " + classpath.entries()
                    + ". Build the project (mvn test-compile) or set gauge_custom_classpath.");
        }
        return new ExecutionEngine(
                loaded.registry(),
                new ExecutionEngine.Settings(config.stepTimeout(), config.screenshotOnFailure(),
                        config.screenshotsDir()),
                single(ObjectFactory.class, loader, log).orElse(InstanceProvider.DEFAULT_FACTORY),
                single(ScreenshotProvider.class, loader, log),
                new ParameterBinder(converters(loader, log)));
    }

    /** The one implementation of an SPI in the project; more than one is ambiguous and refused. */
    private static <T> Optional<T> single(Class<T> spi, ClassLoader loader, JsonLog log) {
        List<T> found = ServiceLoader.load(spi, loader).stream().map(ServiceLoader.Provider::get).toList();
        if (found.size() > 1) {
            throw new IllegalStateException("More than one " + spi.getSimpleName() + " is installed: "
                    + found.stream().map(f -> f.getClass().getName()).toList()
                    + ". Remove all but one from META-INF/services/" + spi.getName() + ".");
        }
        found.forEach(f -> log.debug("Using " + spi.getSimpleName() + " " + f.getClass().getName()));
        return found.stream().findFirst();
    }

    private static Map<Class<?>, ParameterConverter<?>> converters(ClassLoader loader, JsonLog log) {
        Map<Class<?>, ParameterConverter<?>> converters = new HashMap<>();
        for (ParameterConverter<?> converter : ServiceLoader.load(ParameterConverter.class, loader)) {
            ParameterConverter<?> previous = converters.put(converter.targetType(), converter);
            if (previous != null) {
                throw new IllegalStateException("Two parameter converters for " + converter.targetType().getName()
                        + ": " + previous.getClass().getName() + " and " + converter.getClass().getName()
                        + ". Keep one.");
            }
        }
        return converters;
    }
}
