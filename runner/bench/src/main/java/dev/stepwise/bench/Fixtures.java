package dev.stepwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generated step projects: the same steps twice, once on Stepwise's {@code dev.stepwise.api.Step}
 * (compiled with the step-API jar, whose processor writes the step index) and once on gauge-java's
 * {@code com.thoughtworks.gauge.Step}. Sources go to src/test/java (where gauge-java parses them),
 * classes to target/classes (where Stepwise looks by default). Every fixture has the no-op step
 * {@code noop} used for step cycles.
 */
final class Fixtures {

    static final int STEPS_PER_CLASS = 100;

    private Fixtures() {
    }

    enum Flavour {
        STEPWISE("dev.stepwise.api.Step"),
        GAUGE_JAVA("com.thoughtworks.gauge.Step");

        final String annotation;

        Flavour(String annotation) {
            this.annotation = annotation;
        }
    }

    /** Writes and compiles a project with {@code steps} steps; reuses it when already built. */
    static Path create(Path root, Flavour flavour, int steps, Path compileClasspath) throws IOException {
        Path classes = root.resolve("target/classes");
        Path done = root.resolve(".complete");
        if (Files.exists(done)) {
            return root;
        }
        deleteTree(root);
        Path src = root.resolve("src/test/java/bench/steps");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Files.writeString(root.resolve("manifest.json"), "{\"Language\": \""
                + (flavour == Flavour.STEPWISE ? "stepwise-java" : "java") + "\", \"Plugins\": []}\n");
        int remaining = steps;
        int classIndex = 0;
        while (remaining > 0) {
            int here = Math.min(STEPS_PER_CLASS, remaining);
            StringBuilder java = new StringBuilder();
            String name = "Steps" + classIndex;
            java.append("package bench.steps;\n\nimport ").append(flavour.annotation).append(";\n\n")
                    .append("public class ").append(name).append(" {\n");
            for (int i = 0; i < here; i++) {
                int n = classIndex * STEPS_PER_CLASS + i;
                if (n == 0) {
                    java.append("    @Step(\"noop\")\n    public void noop() {\n    }\n\n");
                } else if (n == 1) {
                    java.append("    @Step(\"Say <what> to <who>\")\n")
                            .append("    public void say(String what, String who) {\n")
                            .append("        if (what.length() > 1000) {\n")
                            .append("            throw new IllegalArgumentException(who);\n        }\n    }\n\n");
                } else {
                    java.append("    @Step(\"Step number ").append(n).append(" uses <value>\")\n")
                            .append("    public void step").append(n).append("(String value) {\n")
                            .append("        if (value == null) {\n")
                            .append("            throw new IllegalArgumentException(\"").append(n).append("\");\n")
                            .append("        }\n    }\n\n");
                }
            }
            java.append("}\n");
            Files.writeString(src.resolve(name + ".java"), java);
            remaining -= here;
            classIndex++;
        }
        compile(root.resolve("src/test/java"), classes, compileClasspath);
        if (flavour == Flavour.STEPWISE && !Files.exists(classes.resolve("META-INF/stepwise/step-index.tsv"))) {
            throw new IllegalStateException("the step-API processor wrote no step index into " + classes);
        }
        Files.writeString(done, "");
        return root;
    }

    private static void compile(Path sources, Path classes, Path classpath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the benchmark on a JDK");
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-encoding", "UTF-8",
                "-classpath", classpath.toString(), "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        int rc = javac.run(null, null, null, args.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("compiling the fixture in " + sources + " failed (" + rc + ")");
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
