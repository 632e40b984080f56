package dev.stepwise.host.cli;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated project for the parallel, retry and shard tests, compiled at test time with javac against the step-API
 * jar (whose processor writes the step index) and run through the real runner plugin folder
 * (runner/dist/target/stepwise-java).
 *
 * <p>Every scenario {@code NN-k} checks for cross-talk itself: it puts its id into a fresh scenario store, sleeps so
 * streams interleave, and fails if the store (or the spec store, set by a before-spec hook to the spec's file) then
 * holds anything else. Its messages carry the id, so a message on the wrong scenario shows in the results. Suite hooks
 * append a line to {@code suite-hooks.log} in the project.
 */
final class ParallelProject {

    static final String STEPS = """
            package par.steps;

            import dev.stepwise.api.AfterSuite;
            import dev.stepwise.api.BeforeScenario;
            import dev.stepwise.api.BeforeSpec;
            import dev.stepwise.api.BeforeSuite;
            import dev.stepwise.api.ExecutionContext;
            import dev.stepwise.api.Step;
            import dev.stepwise.api.Stepwise;

            import java.io.IOException;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class ParSteps {
                private static Path root() {
                    return Path.of(System.getenv("GAUGE_PROJECT_ROOT"));
                }

                private static synchronized void log(String line) throws IOException {
                    Files.writeString(root().resolve("suite-hooks.log"), line + "\\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }

                @BeforeSuite
                public void beforeSuite(ExecutionContext c) throws IOException {
                    log("before pid=" + ProcessHandle.current().pid() + " runner=" + c.runnerId());
                }

                @AfterSuite
                public void afterSuite(ExecutionContext c) throws IOException {
                    log("after pid=" + ProcessHandle.current().pid() + " runner=" + c.runnerId());
                }

                @BeforeSpec
                public void beforeSpec(ExecutionContext c) {
                    Stepwise.specStore().put("spec", c.spec().fileName());
                }

                @BeforeScenario
                public void beforeScenario(ExecutionContext c) {
                    if (Stepwise.scenarioStore().containsKey("id")) {
                        throw new AssertionError("cross-talk: a fresh scenario store holds "
                                + Stepwise.scenarioStore().get("id"));
                    }
                }

                private static void checkSpec() {
                    String expected = Stepwise.currentContext().spec().fileName();
                    Object seen = Stepwise.specStore().get("spec");
                    if (!expected.equals(seen)) {
                        throw new AssertionError("cross-talk: spec store of " + expected + " holds " + seen);
                    }
                }

                @Step("Start scenario <id>")
                public void start(String id) throws InterruptedException {
                    checkSpec();
                    Stepwise.scenarioStore().put("id", id);
                    Stepwise.message("start " + id + " in " + Stepwise.currentContext().scenario().name());
                    Thread.sleep(2);
                }

                @Step("Check scenario <id>")
                public void check(String id) throws InterruptedException {
                    Thread.sleep(2);
                    checkSpec();
                    Object seen = Stepwise.scenarioStore().get("id");
                    if (!id.equals(seen)) {
                        throw new AssertionError("cross-talk: scenario " + id + " sees id " + seen);
                    }
                    ExecutionContext c = Stepwise.currentContext();
                    Stepwise.message("check " + id + " runner " + c.runnerId() + "/" + c.numberOfStreams());
                }

                @Step("Sleep <ms> ms")
                public void sleep(String ms) throws InterruptedException {
                    Thread.sleep(Long.parseLong(ms));
                }

                @Step("Flaky step <name>")
                public void flaky(String name) throws IOException {
                    Path marker = root().resolve("markers").resolve(name);
                    if (!Files.exists(marker)) {
                        Files.createDirectories(marker.getParent());
                        Files.writeString(marker, "failed once");
                        throw new AssertionError("flaky " + name + " fails on its first attempt");
                    }
                    Stepwise.message("flaky " + name + " attempt " + Stepwise.currentContext().scenario().attempt());
                }

                @Step("Always fail")
                public void alwaysFail() {
                    throw new AssertionError("this step always fails");
                }
            }
            """;

    private ParallelProject() {
    }

    static Path repo() {
        return Path.of(System.getProperty("stepwise.repo", "..")).toAbsolutePath().normalize();
    }

    static Map<String, String> env() {
        Path dist = repo().resolve("runner/dist/target/stepwise-java");
        assertTrue(Files.isRegularFile(dist.resolve("stepwise-java.json")),
                "build runner/dist first (mvn install -pl runner/dist -am): " + dist);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("STEPWISE_RUNNER_DIR", dist.toString());
        return env;
    }

    /** {@code specs} spec files of {@code scenarios} scenarios each ({@code NN-k}), compiled steps, no plugins. */
    static Path create(Path root, int specs, int scenarios, boolean multithreaded) throws IOException {
        Files.createDirectories(root.resolve("specs"));
        Files.createDirectories(root.resolve("env/default"));
        Files.writeString(root.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        Files.writeString(root.resolve("env/default/default.properties"),
                "enable_multithreading = " + multithreaded + "\n");
        for (int f = 0; f < specs; f++) {
            StringBuilder s = new StringBuilder("# Spec " + f + "\n");
            for (int k = 0; k < scenarios; k++) {
                String id = String.format(Locale.ROOT, "%02d-%d", f, k);
                s.append("\n## Scenario ").append(id).append("\n\n* Start scenario \"").append(id)
                        .append("\"\n* Check scenario \"").append(id).append("\"\n");
            }
            Files.writeString(root.resolve("specs").resolve(String.format(Locale.ROOT, "s%02d.spec", f)), s);
        }
        compile(root);
        return root;
    }

    static void compile(Path root) throws IOException {
        compile(root, "par/steps/ParSteps.java", STEPS);
    }

    /** Compiles one step class ({@code relativeSource} under src/main/java) into target/classes with its index. */
    static void compile(Path root, String relativeSource, String source) throws IOException {
        Path src = root.resolve("src/main/java").resolve(relativeSource);
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = root.resolve("target/classes");
        Files.createDirectories(classes);
        Path api;
        try (var s = Files.list(repo().resolve("runner/api/target"))) {
            api = s.filter(p -> p.getFileName().toString().matches("stepwise-step-api-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("build runner/api first"));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-nowarn", "-encoding", "UTF-8", "-classpath",
                api.toString(), "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "the generated steps compile");
        assertTrue(Files.exists(classes.resolve("META-INF/stepwise/step-index.tsv")), "step index written");
    }



    static List<String> jsonLines(Path project) throws IOException {
        return Files.readAllLines(project.resolve("reports/json-report/report.ndjson"), StandardCharsets.UTF_8);
    }
}
