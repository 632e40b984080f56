package dev.stepwise.runner.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.runner.Runner;
import dev.stepwise.runner.TestProjects;
import dev.stepwise.runner.config.RunnerConfig;
import dev.stepwise.runner.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own extensions, found through ServiceLoader in its class loader: a parameter
 * converter, a screenshot provider, an object factory; and instance lifetimes.
 */
class ExtensionsTest {

    @TempDir
    Path root;

    private static final String STEPS = """
            package ext;

            import dev.stepwise.api.Lifetime;
            import dev.stepwise.api.Step;
            import dev.stepwise.api.StepScope;
            import dev.stepwise.api.Stepwise;

            public class Steps {
                private final String createdBy;
                private int calls;

                public Steps(String createdBy) {
                    this.createdBy = createdBy;
                }

                @Step("Pay <amount>")
                public void pay(Money amount) {
                    Stepwise.message("paid " + amount.cents() + " cents, instance from " + createdBy);
                }

                @Step("Break")
                public void fail() {
                    throw new IllegalStateException("broken");
                }

                @Step("Count")
                public void count() {
                    Stepwise.message("calls " + (++calls));
                }

                @StepScope(Lifetime.SPEC)
                public static class PerSpec {
                    private int calls;

                    public PerSpec(String ignored) {
                    }

                    @Step("Count per spec")
                    public void count() {
                        Stepwise.message("spec calls " + (++calls));
                    }
                }
            }
            """;

    private static final Map<String, String> SOURCES = Map.of(
            "ext/Steps.java", STEPS,
            "ext/Money.java", "package ext; public record Money(long cents) {}",
            "ext/MoneyConverter.java", """
                    package ext;
                    public class MoneyConverter implements dev.stepwise.api.spi.ParameterConverter<Money> {
                        public Class<Money> targetType() { return Money.class; }
                        public Money convert(String value) {
                            return new Money(Math.round(Double.parseDouble(value.replace("$", "")) * 100));
                        }
                    }
                    """,
            "ext/Camera.java", """
                    package ext;
                    public class Camera implements dev.stepwise.api.spi.ScreenshotProvider {
                        public java.util.Optional<byte[]> capture() {
                            return java.util.Optional.of(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                        }
                    }
                    """,
            "ext/Factory.java", """
                    package ext;
                    public class Factory implements dev.stepwise.api.spi.ObjectFactory {
                        public <T> T getInstance(Class<T> type) throws Exception {
                            return type.getConstructor(String.class).newInstance("the factory");
                        }
                    }
                    """);

    private static final Map<String, String> SERVICES = Map.of(
            "META-INF/services/dev.stepwise.api.spi.ParameterConverter", "ext.MoneyConverter\n",
            "META-INF/services/dev.stepwise.api.spi.ScreenshotProvider", "ext.Camera\n",
            "META-INF/services/dev.stepwise.api.spi.ObjectFactory", "ext.Factory\n");

    private ExecutionEngine engine(boolean screenshotOnFailure) throws Exception {
        TestProjects.compile(root, SOURCES, SERVICES);
        RunnerConfig config = new RunnerConfig(root, 0, Optional.empty(), false, Duration.ZERO, screenshotOnFailure,
                root.resolve("shots"), false, false);
        JsonLog log = new JsonLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                JsonLog.Level.INFO);
        return Runner.engineFor(config, log);
    }

    private static StepCall call(String key, String... values) {
        return new StepCall(key, key, java.util.Arrays.stream(values).map(v -> Argument.text("", v)).toList());
    }

    @Test
    void customConverterAndObjectFactoryAreUsed() throws Exception {
        try (ExecutionEngine engine = engine(true)) {
            Outcome paid = engine.executeStep(1, call("Pay {}", "$12.34"));
            assertFalse(paid.failed(), paid.errorMessage());
            assertEquals(List.of("paid 1234 cents, instance from the factory"), paid.messages());
        }
    }

    @Test
    void failureScreenshotIsWrittenAndNamedOnlyWhenEnabled() throws Exception {
        try (ExecutionEngine engine = engine(true)) {
            Outcome failed = engine.executeStep(1, call("Break"));
            assertTrue(failed.failed());
            assertFalse(failed.failureScreenshotFile().isEmpty());
            assertTrue(Files.exists(root.resolve("shots").resolve(failed.failureScreenshotFile())));
        }
    }

    @Test
    void noScreenshotWhenDisabled() throws Exception {
        try (ExecutionEngine engine = engine(false)) {
            Outcome failed = engine.executeStep(1, call("Break"));
            assertTrue(failed.failed());
            assertEquals("", failed.failureScreenshotFile());
        }
    }

    @Test
    void lifetimesFollowScenarioAndSpecBoundaries() throws Exception {
        try (ExecutionEngine engine = engine(false)) {
            assertEquals(List.of("calls 1"), engine.executeStep(1, call("Count")).messages());
            assertEquals(List.of("spec calls 1"), engine.executeStep(1, call("Count per spec")).messages());
            engine.initializeScenarioStore(1);
            assertEquals(List.of("calls 1"), engine.executeStep(1, call("Count")).messages());
            assertEquals(List.of("spec calls 2"), engine.executeStep(1, call("Count per spec")).messages());
            engine.initializeSpecStore(1);
            assertEquals(List.of("spec calls 1"), engine.executeStep(1, call("Count per spec")).messages());
        }
    }
}
