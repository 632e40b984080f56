package dev.stepwise.host.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stepwise refactor} end to end on a copy of sample-project, through a real runner process: specs, concepts
 * and the Java source change consistently and the project still passes; when the Java side refuses, no file changes.
 */
class RefactorIT {

    private static final String OLD = "Add <count> items of <item>";
    private static final String NEW = "Put <item> into the basket <count> times";
    /** Same parameter order as OLD: callers of the method inside BasketSteps still compile. */
    private static final String NEW_SAME_ORDER = "Put <count> of <item> into the basket";

    private static Path repo;
    private static Map<String, String> env;

    @BeforeAll
    static void locate() {
        repo = CliRuns.repo();
        env = CliRuns.envWithBuiltRunner(repo);
    }



    @Test
    void renamesSpecsConceptsAndJavaConsistently(@TempDir Path project) throws Exception {
        copyProject(project);
        Path basics = project.resolve("specs/basics.spec");
        // One spec in CRLF: it must stay CRLF.
        Files.writeString(basics, Files.readString(basics).replace("\n", "\r\n"));
        Path basket = project.resolve("src/main/java/dev/stepwise/sample/BasketSteps.java");
        Path shop = project.resolve("src/main/java/dev/stepwise/sample/ShopSteps.java");
        String basketBefore = Files.readString(basket);
        String shopBefore = Files.readString(shop);

        // A step used in a spec (CRLF), a concept and a data-driven spec.
        CliRuns.Run r = CliRuns.run(env, "refactor", "--project", project.toString(), OLD, NEW_SAME_ORDER);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("changed 4 file(s)"), r.out());
        String spec = Files.readString(basics);
        assertTrue(spec.contains("* Put \"2\" of \"apple\" into the basket\r\n"), spec);
        assertTrue(spec.contains("* Put \"1\" of \"bread\" into the basket\r\n"), spec);
        assertEquals(-1, spec.replace("\r\n", "").indexOf('\n'), "basics.spec is still CRLF only");
        assertTrue(Files.readString(project.resolve("specs/concepts/shopping.cpt"))
                .contains("* Put <count> of <item> into the basket\n"));
        assertTrue(Files.readString(project.resolve("specs/tables.spec"))
                .contains("* Put <count> of <fruit> into the basket\n"));
        assertEquals(basketBefore.replace("@Step(\"" + OLD + "\")", "@Step(\"" + NEW_SAME_ORDER + "\")"),
                Files.readString(basket), "only the annotation changed");

        // Parameters swapped: the spec's arguments and the Java parameters move together.
        r = CliRuns.run(env, "refactor", "--project", project.toString(), "Remember <key> as <value> in the scenario store",
                "Store <value> under <key> in the scenario store");
        assertEquals(0, r.exit(), r.out());
        assertTrue(Files.readString(basics).contains("* Store \"SAVE10\" under \"coupon\" in the scenario store\r\n"));
        String java = Files.readString(shop);
        assertTrue(java.contains("@Step(\"Store <value> under <key> in the scenario store\")"), java);
        assertTrue(java.matches("(?s).*remember\\(String value, String key\\).*"), java);
        assertEquals(shopBefore.length() + "Store <value> under <key>".length() - "Remember <key> as <value>".length(),
                java.length());

        compile(project);
        CliRuns.Run run = CliRuns.run(env, "run", "--project", project.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("10 executed, 10 passed, 0 failed"), run.out());
    }

    @Test
    void reorderingRenameGivesTheJavaParametersTheNewOrder(@TempDir Path project) throws Exception {
        copyProject(project);
        Path steps = project.resolve("src/main/java/dev/stepwise/sample/BasketSteps.java");
        CliRuns.Run r = CliRuns.run(env, "refactor", "--project", project.toString(), OLD, NEW);
        assertEquals(0, r.exit(), r.out());
        assertTrue(Files.readString(project.resolve("specs/basics.spec"))
                .contains("* Put \"apple\" into the basket \"2\" times\n"));
        String java = Files.readString(steps);
        assertTrue(java.contains("@Step(\"" + NEW + "\")\n    public void add(String item, int count) {"), java);
    }

    @Test
    void javaTextFromAConstantChangesNothing(@TempDir Path project) throws Exception {
        copyProject(project);
        Path steps = project.resolve("src/main/java/dev/stepwise/sample/BasketSteps.java");
        String java = Files.readString(steps);
        java = java.replace("@Step(\"" + OLD + "\")", "@Step(ADD)");
        java = java.replaceFirst("\\{", "{\n    static final String ADD = \"" + OLD + "\";\n");
        Files.writeString(steps, java);
        Map<String, byte[]> before = snapshot(project);

        CliRuns.Run r = CliRuns.run(env, "refactor", "--project", project.toString(), OLD, NEW);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("Nothing was changed"), r.out());
        assertSame(before, snapshot(project));
    }

    @Test
    void javaSyntaxErrorChangesNothing(@TempDir Path project) throws Exception {
        copyProject(project);
        Path steps = project.resolve("src/main/java/dev/stepwise/sample/BasketSteps.java");
        Files.writeString(steps, Files.readString(steps).replace("public void add(int count, String item) {",
                "public void add(int count, String item) { int = ;"));
        Map<String, byte[]> before = snapshot(project);

        CliRuns.Run r = CliRuns.run(env, "refactor", "--project", project.toString(), OLD, NEW);
        assertEquals(1, r.exit(), r.out());
        assertSame(before, snapshot(project));
    }

    @Test
    void unknownStepIsRefusedWhenStrict(@TempDir Path project) throws Exception {
        copyProject(project);
        Files.writeString(project.resolve("specs/extra.spec"), "# Extra\n## Unknown\n* A step nobody wrote\n");
        Map<String, byte[]> before = snapshot(project);
        CliRuns.Run strict = CliRuns.run(env, "refactor", "--strict", "--project", project.toString(), "A step nobody wrote", "Still nobody");
        assertEquals(1, strict.exit(), strict.out());
        assertSame(before, snapshot(project));
        CliRuns.Run lax = CliRuns.run(env, "refactor", "--project", project.toString(), "A step nobody wrote", "Still nobody");
        assertEquals(0, lax.exit(), lax.out());
        assertTrue(lax.out().contains("warning: The step 'A step nobody wrote' has no implementation in code"),
                lax.out());
        assertEquals("# Extra\n## Unknown\n* Still nobody\n", Files.readString(project.resolve("specs/extra.spec")));
    }

    private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet(), "no file added or removed");
        for (String f : before.keySet()) {
            assertTrue(Arrays.equals(before.get(f), after.get(f)), f + " changed");
        }
    }

    private static Map<String, byte[]> snapshot(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith("target") && !rel.startsWith(".gauge") && !rel.startsWith("logs")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    /** Recompiles the (renamed) sources into target/classes so the step index matches them. */
    private static void compile(Path project) throws IOException {
        Path classes = project.resolve("target/classes");
        try (Stream<Path> s = Files.walk(classes)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-encoding", "UTF-8", "-d",
                classes.toString(), "-classpath"));
        try (Stream<Path> jars = Files.list(project.resolve("target/dependency"))) {
            args.add(String.join(File.pathSeparator, jars.map(Path::toString).toList()));
        }
        try (Stream<Path> s = Files.walk(project.resolve("src/main/java"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "the renamed sources compile");
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/stepwise/step-index.tsv")));
    }

    private static void copyProject(Path to) throws IOException {
        CliRuns.copyTree(repo.resolve("sample-project"), to,
                rel -> rel.startsWith("failing") || rel.toString().equals("pom.xml"));
    }
}
