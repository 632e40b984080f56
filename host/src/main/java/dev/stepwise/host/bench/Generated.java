package dev.stepwise.host.bench;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Generated benchmark projects: specs of {@code scenarios x steps}, and the Java steps they call. */
final class Generated {

    /** Distinct step texts the generated specs cycle through. */
    static final int STEP_KINDS = 10;

    private Generated() {
    }

    /**
     * A project of {@code files} specs, each with {@code scenariosPerFile} scenarios of {@code stepsPerScenario}
     * steps, whose steps are implemented and compiled into target/classes (step index included) when
     * {@code stepApi} is given. Reused when it already exists.
     */
    static Path project(Path root, int files, int scenariosPerFile, int stepsPerScenario, Path stepApi)
            throws IOException {
        Path done = root.resolve(".complete");
        if (Files.exists(done)) {
            return root;
        }
        BenchSupport.deleteTree(root);
        Files.createDirectories(root.resolve("specs"));
        Files.writeString(root.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        for (int f = 0; f < files; f++) {
            Path spec = root.resolve("specs").resolve(String.format(Locale.ROOT, "spec%05d.spec", f));
            try (BufferedWriter w = Files.newBufferedWriter(spec, StandardCharsets.UTF_8)) {
                w.write("# Generated spec " + f + "\n\nTags: bench\n");
                for (int s = 0; s < scenariosPerFile; s++) {
                    w.write("\n## Scenario " + s + " of spec " + f + "\n\n");
                    for (int k = 0; k < stepsPerScenario; k++) {
                        w.write("* Bench step " + (k % STEP_KINDS) + " with \"value " + s + "-" + k + "\"\n");
                    }
                }
            }
        }
        if (stepApi != null) {
            Path src = root.resolve("src/main/java/bench/steps/BenchSteps.java");
            Files.createDirectories(src.getParent());
            StringBuilder java = new StringBuilder("package bench.steps;\n\nimport dev.stepwise.api.Step;\n\n"
                    + "public class BenchSteps {\n    private long calls;\n");
            for (int k = 0; k < STEP_KINDS; k++) {
                java.append("\n    @Step(\"Bench step ").append(k).append(" with <value>\")\n")
                        .append("    public void step").append(k).append("(String value) {\n")
                        .append("        calls += value.length();\n    }\n");
            }
            java.append("}\n");
            Files.writeString(src, java);
            compile(src, root.resolve("target/classes"), stepApi);
        }
        Files.writeString(done, "");
        return root;
    }

    static void compile(Path source, Path classes, Path classpath) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the benchmark on a JDK");
        }
        List<String> args = List.of("--release", "17", "-nowarn", "-encoding", "UTF-8", "-classpath",
                classpath.toString(), "-d", classes.toString(), source.toString());
        if (javac.run(null, null, null, args.toArray(new String[0])) != 0) {
            throw new IllegalStateException("compiling " + source + " failed");
        }
        if (!Files.exists(classes.resolve("META-INF/stepwise/step-index.tsv"))) {
            throw new IllegalStateException("the step-API processor wrote no step index into " + classes);
        }
    }
}
