package dev.stepwise.dist;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A throw-away Stepwise project: step sources under src/test/java, compiled at test time with
 * javax.tools against the step API jar (so its annotation processor writes the step index) into
 * target/classes, which is where the runner looks without an explicit classpath.
 */
final class TestProject {

    /** The step classes every IT project has. */
    static final Map<String, String> STEPS = Map.of(
            "it/steps/Greetings.java", """
                    package it.steps;

                    import dev.stepwise.api.Step;

                    public class Greetings {
                        @Step("Say <what> to <who>")
                        public void say(String what, String who) {
                            if (what.isEmpty()) {
                                throw new IllegalArgumentException("nothing to say");
                            }
                        }

                        @Step("A step that fails")
                        public void fails() {
                            throw new AssertionError("expected failure from the IT project");
                        }

                        @Step("A step that passes")
                        public void passes() {
                        }

                        @Step("A duplicated step")
                        public void duplicatedHere() {
                        }
                    }
                    """,
            "it/steps/MoreGreetings.java", """
                    package it.steps;

                    import dev.stepwise.api.Step;

                    public class MoreGreetings {
                        @Step("A duplicated step")
                        public void duplicatedThere() {
                        }
                    }
                    """);

    final Path root;

    private TestProject(Path root) {
        this.root = root;
    }

    static TestProject create(Path root) throws IOException {
        TestProject project = new TestProject(root);
        Files.createDirectories(root);
        Files.writeString(root.resolve("manifest.json"), "{\n  \"Language\": \"stepwise-java\",\n  \"Plugins\": []\n}\n");
        for (Map.Entry<String, String> source : STEPS.entrySet()) {
            Path file = root.resolve("src/test/java").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        project.compile();
        return project;
    }

    Path classes() {
        return root.resolve("target/classes");
    }

    private void compile() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: the ITs need a JDK, not a JRE");
        }
        Files.createDirectories(classes());
        List<String> args = new ArrayList<>(List.of(
                "--release", "17",
                "-classpath", stepApiJar().toString(),
                "-d", classes().toString(),
                "-encoding", "UTF-8"));
        try (Stream<Path> files = Files.walk(root.resolve("src/test/java"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int rc = javac.run(null, null, null, args.toArray(new String[0]));
        if (rc != 0) {
            throw new AssertionError("compiling the IT project failed (" + rc + ")");
        }
        Path index = classes().resolve("META-INF/stepwise/step-index.tsv");
        if (!Files.isRegularFile(index)) {
            throw new AssertionError("the step API's annotation processor wrote no " + index
                    + "; is the processor registered in the step API jar?");
        }
    }

    /** The step API jar (or classes folder) the runner was built with, found from this test's classpath. */
    static Path stepApiJar() {
        try {
            Class<?> step = Class.forName("dev.stepwise.api.Step");
            return Path.of(step.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("dev.stepwise.api.Step is not on the test classpath", e);
        }
    }

    String readIndex() throws IOException {
        return Files.readString(classes().resolve("META-INF/stepwise/step-index.tsv"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return root + File.separator;
    }
}
