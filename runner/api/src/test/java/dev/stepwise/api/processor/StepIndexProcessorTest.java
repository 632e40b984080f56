package dev.stepwise.api.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.index.StepIndex;
import dev.stepwise.api.index.StepIndex.Entry;
import dev.stepwise.api.index.StepIndex.Kind;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs javac in-process over small sources, with the processor found through META-INF/services. */
class StepIndexProcessorTest {

    @TempDir
    Path tmp;

    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, Path out) {
        List<String> messages(Diagnostic.Kind kind) {
            return diagnostics.stream().filter(d -> d.getKind() == kind)
                    .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
        }

        String indexText() throws IOException {
            return Files.readString(out.resolve(StepIndex.RESOURCE), StandardCharsets.UTF_8);
        }

        StepIndex index() throws IOException {
            return StepIndex.parse(indexText());
        }
    }

    /** The directory (or jar) holding the api classes and the processor registration. */
    private static String apiClasspath() {
        try {
            return Path.of(StepIndexProcessor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result compile(String name, Map<String, String> sources, Processor explicit) throws IOException {
        Path src = tmp.resolve(name).resolve("src");
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            String cp = apiClasspath() + File.pathSeparator + out;
            List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", cp));
            if (explicit == null) {
                options.addAll(List.of("-processorpath", apiClasspath()));
            }
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files));
            if (explicit != null) {
                task.setProcessors(List.of(explicit));
            }
            boolean ok = task.call();
            return new Result(ok, diagnostics.getDiagnostics(), out);
        }
    }

    private Result compile(Map<String, String> sources) throws IOException {
        return compile("c" + System.nanoTime(), sources, null);
    }

    private static final String STEPS = """
            package com.example;

            import dev.stepwise.api.*;
            import java.util.List;

            public class Steps {
                @Step({"Add <count> items", "Put <count> items"})
                public void add(int count) {
                }

                @SuppressWarnings("x")
                public void notAStep() {
                }

                @Step(value = "Tab\\there, back\\\\slash and\\nnewline <a> <b>", timeoutMillis = 10)
                public void special(String[] a, List<String> b) {
                }

                public static class Nested {
                    @Step("Nested <t>")
                    public <T extends Number> void nested(T t) {
                    }
                }

                @BeforeScenario(tags = "smoke & !slow", order = 2)
                @AfterScenario
                public void hook(ExecutionContext context) {
                }

                @BeforeSuite
                public void suite() {
                }
            }
            """;

    @Test
    void writesIndexForStepsAliasesNestedClassesAndHooks() throws IOException {
        Result r = compile(Map.of("com/example/Steps.java", STEPS));
        assertTrue(r.success(), r.diagnostics().toString());
        assertEquals(List.of(), r.messages(Diagnostic.Kind.WARNING));
        String text = r.indexText();
        assertTrue(text.startsWith("#stepwise-step-index\t1\n"), text);
        assertTrue(text.contains("step\tcom.example.Steps\tadd\tint\tcom/example/Steps.java\t7"
                + "\tAdd <count> items\tPut <count> items\n"), text);
        assertTrue(text.contains("\tTab\\there, back\\\\slash and\\nnewline <a> <b>\n"), text);

        StepIndex index = r.index();
        List<String> rendered = index.entries().stream()
                .map(e -> e.kind().id() + " " + e.className() + "#" + e.methodName() + "(" + String.join(",", e.parameterTypes())
                        + ")@" + e.line())
                .toList();
        assertEquals(List.of(
                "step com.example.Steps#add(int)@7",
                "before-scenario com.example.Steps#hook(dev.stepwise.api.ExecutionContext)@25",
                "after-scenario com.example.Steps#hook(dev.stepwise.api.ExecutionContext)@25",
                "step com.example.Steps#special([Ljava.lang.String;,java.util.List)@15",
                "before-suite com.example.Steps#suite()@30",
                "step com.example.Steps$Nested#nested(java.lang.Number)@20"), rendered);
        Entry special = index.steps().stream().filter(e -> e.methodName().equals("special")).findFirst().orElseThrow();
        assertEquals(List.of("Tab\there, back\\slash and\nnewline <a> <b>"), special.texts());
        assertTrue(index.entries().stream().allMatch(e -> e.sourceFile().equals("com/example/Steps.java")));
        assertTrue(index.entries().stream().noneMatch(e -> e.methodName().equals("notAStep")));
    }

    @Test
    void indexedTypesMatchReflection() throws Exception {
        Result r = compile(Map.of("com/example/Steps.java", STEPS));
        assertTrue(r.success(), r.diagnostics().toString());
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {r.out().toUri().toURL()},
                StepIndexProcessorTest.class.getClassLoader())) {
            for (Entry e : r.index().entries()) {
                Class<?> type = Class.forName(e.className(), false, loader);
                boolean found = false;
                for (var m : type.getMethods()) {
                    List<String> names = java.util.Arrays.stream(m.getParameterTypes()).map(Class::getName).toList();
                    found |= m.getName().equals(e.methodName()) && names.equals(e.parameterTypes());
                }
                assertTrue(found, "no method for " + e);
            }
        }
    }

    @Test
    void rejectsInvalidStepsAndHooks() throws IOException {
        Result r = compile(Map.of("com/example/Bad.java", """
                package com.example;

                import dev.stepwise.api.*;

                public class Bad {
                    @Step({})
                    public void noText() {}

                    @Step({"ok", "  "})
                    public void blankAlias() {}

                    @Step("static step")
                    public static void staticStep() {}

                    @Step("private step")
                    void packagePrivate() {}

                    @Step("Needs <a> and <b>")
                    public void wrongArity(String a) {}

                    @Step({"One <a>", "None"})
                    public void aliasArity(String a) {}

                    @BeforeSpec
                    public void twoParams(ExecutionContext a, ExecutionContext b) {}

                    @AfterStep
                    public void wrongParam(String s) {}

                    @BeforeScenario(tags = "a &")
                    public void badTags() {}

                    public class Inner {
                        @Step("inner step")
                        public void inner() {}
                    }

                    @ContinueOnFailure
                    @BeforeStep
                    public void recoverableHook() {}
                }
                """));
        assertFalse(r.success());
        List<String> errors = r.messages(Diagnostic.Kind.ERROR);
        String all = String.join("\n", errors);
        assertTrue(all.contains("@Step on noText needs at least one step text"), all);
        assertTrue(all.contains("@Step text 2 on blankAlias is empty"), all);
        assertTrue(all.contains("@Step method staticStep must be a public instance method"), all);
        assertTrue(all.contains("@Step method packagePrivate must be a public instance method"), all);
        assertTrue(all.contains("@Step text \"Needs <a> and <b>\" has 2 parameter(s) [<a>, <b>] but method wrongArity takes 1"), all);
        assertTrue(all.contains("@Step text \"None\" has 0 parameter(s) [] but method aliasArity takes 1"), all);
        assertTrue(all.contains("@BeforeSpec hook twoParams takes 2 parameters"), all);
        assertTrue(all.contains("@AfterStep hook wrongParam has a parameter of type java.lang.String"), all);
        assertTrue(all.contains("@BeforeScenario tags: Invalid tag expression 'a &' at column 4"), all);
        assertTrue(all.contains("@Step method inner is declared in inner (non-static) class Inner"), all);
        assertEquals(10, errors.size(), all);
        List<String> warnings = r.messages(Diagnostic.Kind.WARNING);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("@ContinueOnFailure has no effect without @Step")), warnings.toString());
    }

    @Test
    void abstractClassesAndInterfacesAreRejected() throws IOException {
        Result r = compile(Map.of("p/Shapes.java", """
                package p;
                import dev.stepwise.api.Step;
                public abstract class Shapes {
                    @Step("abstract owner")
                    public void a() {}

                    public interface Api {
                        @Step("interface default")
                        default void b() {}
                    }
                }
                """));
        assertFalse(r.success());
        String all = String.join("\n", r.messages(Diagnostic.Kind.ERROR));
        assertTrue(all.contains("is declared in abstract class Shapes"), all);
        assertTrue(all.contains("is declared in interface Api"), all);
    }

    @Test
    void duplicateStepTextsWarnWithBothLocations() throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("a/A.java", """
                package a;
                import dev.stepwise.api.Step;
                public class A {
                    @Step("Say <greeting> to <name>")
                    public void say(String g, String n) {}
                }
                """);
        sources.put("b/B.java", """
                package b;
                import dev.stepwise.api.Step;
                public class B {

                    @Step({"Other <p> <q>", "Say <word> to <who>"})
                    public void say(String w, String x) {}
                }
                """);
        Result r = compile(sources);
        assertTrue(r.success(), r.diagnostics().toString());
        List<String> warnings = r.messages(Diagnostic.Kind.WARNING);
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.startsWith("Duplicate step text"), w);
        assertTrue(w.contains("a/A.java:4 (a.A.say)"), w);
        assertTrue(w.contains("b/B.java:5 (b.B.say)"), w);
        assertEquals(3, r.index().steps().stream().mapToInt(e -> e.texts().size()).sum());
    }

    @Test
    void incrementalCompilationMergesEntriesOfOtherClasses() throws IOException {
        String a = """
                package p;
                public class A {
                    @dev.stepwise.api.Step("from A")
                    public void a() {}
                }
                """;
        String b = """
                package p;
                public class B {
                    @dev.stepwise.api.Step("%s")
                    public void b() {}
                }
                """;
        Result first = compile("first", Map.of("p/A.java", a, "p/B.java", b.formatted("old B")), null);
        assertTrue(first.success(), first.diagnostics().toString());
        assertEquals(2, first.index().steps().size());

        Result second = compile("second", Map.of("p/B.java", b.formatted("new B")), null);
        assertTrue(second.success(), second.diagnostics().toString());
        List<String> texts = second.index().steps().stream().map(e -> e.texts().get(0)).toList();
        assertEquals(List.of("from A", "new B"), texts, "A kept, B replaced");

        Files.delete(second.out().resolve("p/A.class"));
        Result third = compile("third", Map.of("p/B.java", b.formatted("newer B")), null);
        assertTrue(third.success(), third.diagnostics().toString());
        assertEquals(List.of("newer B"), third.index().steps().stream().map(e -> e.texts().get(0)).toList(),
                "entries of classes whose class file is gone are dropped");
    }

    @Test
    void corruptPreviousIndexIsIgnored() throws IOException {
        Path old = tmp.resolve("out").resolve(StepIndex.RESOURCE);
        Files.createDirectories(old.getParent());
        Files.writeString(old, "garbage");
        Result r = compile(Map.of("p/C.java", """
                package p;
                public class C {
                    @dev.stepwise.api.AfterSuite
                    public void done() {}
                }
                """));
        assertTrue(r.success(), r.diagnostics().toString());
        assertEquals(List.of(Kind.AFTER_SUITE), r.index().entries().stream().map(Entry::kind).toList());
    }

    /** Hides javac's environment type, as some build tools do, so the tree API is unavailable. */
    static final class WrappingProcessor extends AbstractProcessor {
        private final StepIndexProcessor delegate = new StepIndexProcessor();

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            ProcessingEnvironment wrapped = (ProcessingEnvironment) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {ProcessingEnvironment.class},
                    (proxy, method, args) -> method.invoke(env, args));
            delegate.init(wrapped);
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }
    }

    @Test
    void worksWithoutTheTreeApi() throws IOException {
        Result r = compile("notrees", Map.of("com/example/Steps.java", STEPS), new WrappingProcessor());
        assertTrue(r.success(), r.diagnostics().toString());
        StepIndex index = r.index();
        assertEquals(6, index.entries().size());
        assertTrue(index.entries().stream().allMatch(e -> e.sourceFile().isEmpty() && e.line() == 0), index.format());
    }

    @Test
    void processorIsRegisteredAsService() throws IOException {
        try (var in = StepIndexProcessor.class.getResourceAsStream("/META-INF/services/javax.annotation.processing.Processor")) {
            assertEquals(StepIndexProcessor.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    @Test
    void placeholderHelpers() {
        assertEquals(List.of("<a>", "<b c>"), StepIndexProcessor.placeholders("x <a> y <b c>"));
        assertEquals("Say {} to {}", StepIndexProcessor.normalise("  Say <a> to <b> "));
    }
}
