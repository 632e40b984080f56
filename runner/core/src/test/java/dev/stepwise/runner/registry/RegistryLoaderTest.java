package dev.stepwise.runner.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.runner.classpath.ProjectClasspath;
import dev.stepwise.runner.classpath.UserCodeLoader;
import dev.stepwise.runner.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery: the index when there is one, a scan of the project's own output when there is not. */
class RegistryLoaderTest {

    @TempDir
    Path project;

    private static final String STEPS = """
            package shop;

            import dev.stepwise.api.BeforeScenario;
            import dev.stepwise.api.Step;

            public class CartSteps {
                @SuppressWarnings("unused")
                public void notAStep() {
                }

                @Step({"Add <count> items", "Put <count> items in the cart"})
                public void add(int count) {
                }

                @BeforeScenario(tags = "cart", order = 3)
                public void reset() {
                }

                public static class Inner {
                    @Step("Check out")
                    public void checkOut() {
                    }
                }
            }
            """;

    private Path compile(boolean withProcessor) throws Exception {
        Path src = project.resolve("src/shop/CartSteps.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, STEPS);
        Path classes = project.resolve("target/classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path")));
        if (!withProcessor) {
            args.add("-proc:none");
        }
        args.add(src.toString());
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    private RegistryLoader.Loaded load(ByteArrayOutputStream logOut) throws Exception {
        ProjectClasspath classpath = ProjectClasspath.resolve(project, Optional.empty());
        JsonLog log = new JsonLog(new PrintStream(logOut, true, StandardCharsets.UTF_8), JsonLog.Level.DEBUG);
        return new RegistryLoader(log).load(classpath, new UserCodeLoader(classpath, getClass().getClassLoader()));
    }

    private static void assertFoundEverything(RegistryLoader.Loaded loaded) {
        StepRegistry registry = loaded.registry();
        assertEquals(1, registry.find("Add {} items").size());
        assertEquals(registry.find("Add {} items"), registry.find("Put {} items in the cart"));
        assertEquals(1, registry.find("Check out").size());
        assertEquals("shop.CartSteps$Inner", registry.find("Check out").get(0).className());
        assertEquals(2, registry.stepCount(), "@SuppressWarnings must not be taken for a step");
        List<HookImplementation> hooks = registry.hooks(HookKind.BEFORE_SCENARIO);
        assertEquals(1, hooks.size());
        assertEquals(3, hooks.get(0).order());
        assertTrue(hooks.get(0).tags().matches(List.of("CART")));
        assertTrue(registry.duplicates().isEmpty());
    }

    @Test
    void readsTheIndexTheProcessorWrote() throws Exception {
        Path classes = compile(true);
        assertTrue(Files.exists(classes.resolve("META-INF/stepwise/step-index.tsv")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        RegistryLoader.Loaded loaded = load(log);

        assertEquals(0, loaded.scanned());
        assertEquals(3, loaded.indexed(), "two steps (one with an alias) and one hook");
        assertFoundEverything(loaded);
        StepImplementation add = loaded.registry().find("Add {} items").get(0);
        assertEquals("shop/CartSteps.java", add.sourceFile());
        assertTrue(add.line() > 0);
    }

    @Test
    void scansOnlyTheOutputDirectoryWhenThereIsNoIndex() throws Exception {
        compile(false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        RegistryLoader.Loaded loaded = load(log);

        assertEquals(0, loaded.indexed());
        assertEquals(3, loaded.scanned());
        assertFoundEverything(loaded);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("No step index"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void projectCodeCannotSeeTheRunnersLibraries() throws Exception {
        compile(true);
        ProjectClasspath classpath = ProjectClasspath.resolve(project, Optional.empty());
        try (UserCodeLoader loader = new UserCodeLoader(classpath, getClass().getClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.grpc.Server"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.google.protobuf.Message"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.stepwise.runner.Main"));
            assertEquals(dev.stepwise.api.Step.class, loader.loadClass("dev.stepwise.api.Step"),
                    "the step API must be the runner's own classes");
            assertEquals(loader, loader.loadClass("shop.CartSteps").getClassLoader());
        }
    }
}
