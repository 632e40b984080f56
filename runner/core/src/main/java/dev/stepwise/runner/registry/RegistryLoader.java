package dev.stepwise.runner.registry;

import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.Step;
import dev.stepwise.api.index.StepIndex;
import dev.stepwise.api.tags.TagExpression;
import dev.stepwise.api.tags.TagExpressionException;
import dev.stepwise.runner.classpath.ProjectClasspath;
import dev.stepwise.runner.log.JsonLog;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.ScanResult;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link StepRegistry} from the step index that the API's annotation processor writes
 * into compiled output. Only an output directory without an index is scanned, and only that
 * directory: never the runner's jars, the JDK or the project's libraries.
 */
public final class RegistryLoader {

    private final JsonLog log;

    public RegistryLoader(JsonLog log) {
        this.log = log;
    }

    /** What was loaded, and how. */
    public record Loaded(StepRegistry registry, int indexed, int scanned, List<String> problems) {
    }

    public Loaded load(ProjectClasspath classpath, ClassLoader userLoader) throws IOException {
        List<StepIndex.Entry> entries = new ArrayList<>();
        Set<Path> indexedDirectories = new LinkedHashSet<>();
        Enumeration<URL> indexes = userLoader.getResources(StepIndex.RESOURCE);
        int indexed = 0;
        while (indexes.hasMoreElements()) {
            URL url = indexes.nextElement();
            try (InputStream in = url.openStream()) {
                StepIndex index = StepIndex.read(in);
                entries.addAll(index.entries());
                indexed += index.entries().size();
            }
            if ("file".equals(url.getProtocol())) {
                indexedDirectories.add(outputDirectoryOf(url));
            }
        }
        List<Path> unindexed = classpath.directories().stream()
                .filter(dir -> !indexedDirectories.contains(dir.toAbsolutePath().normalize()))
                .filter(RegistryLoader::containsClasses)
                .toList();
        int scanned = 0;
        if (!unindexed.isEmpty()) {
            List<StepIndex.Entry> found = scan(unindexed);
            scanned = found.size();
            entries.addAll(found);
            log.info("No step index in " + unindexed + "; scanned them and found " + scanned
                    + " steps and hooks. Compile with the stepwise-step-api jar on the classpath to skip the scan.");
        }
        return build(entries, userLoader, indexed, scanned);
    }

    private static Path outputDirectoryOf(URL indexUrl) {
        try {
            // .../classes/META-INF/stepwise/step-index.tsv -> .../classes
            Path index = Path.of(indexUrl.toURI());
            return index.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (Exception e) {
            throw new IllegalStateException("unexpected index location " + indexUrl, e);
        }
    }

    private static boolean containsClasses(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.anyMatch(p -> p.toString().endsWith(".class"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Finds annotated methods in output directories with ClassGraph, as index entries. */
    private static List<StepIndex.Entry> scan(List<Path> directories) {
        List<StepIndex.Entry> found = new ArrayList<>();
        ClassGraph graph = new ClassGraph()
                .overrideClasspath(directories.stream().map(Path::toString).toList())
                .enableMethodInfo()
                .enableAnnotationInfo()
                .ignoreMethodVisibility()
                .ignoreClassVisibility();
        try (ScanResult result = graph.scan()) {
            for (ClassInfo type : result.getAllClasses()) {
                for (MethodInfo method : type.getDeclaredMethodInfo()) {
                    if (method.isBridge() || method.isSynthetic()) {
                        continue;
                    }
                    StepIndex.Kind kind = kindOf(method);
                    if (kind == null) {
                        continue;
                    }
                    List<String> params = Arrays.stream(method.getParameterInfo())
                            .map(p -> p.getTypeSignatureOrTypeDescriptor().toString())
                            .map(RegistryLoader::erasure)
                            .toList();
                    List<String> texts = kind == StepIndex.Kind.STEP
                            ? stepTexts(method)
                            : List.of();
                    found.add(new StepIndex.Entry(kind, type.getName(), method.getName(), params,
                            type.getSourceFile() == null ? "" : packagePath(type) + type.getSourceFile(),
                            Math.max(0, method.getMinLineNum()), texts));
                }
            }
        }
        return found;
    }

    private static String packagePath(ClassInfo type) {
        String pkg = type.getPackageName();
        return pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/";
    }

    private static String erasure(String typeName) {
        int generic = typeName.indexOf('<');
        return generic < 0 ? typeName : typeName.substring(0, generic);
    }

    private static StepIndex.Kind kindOf(MethodInfo method) {
        if (method.hasAnnotation(Step.class.getName())) {
            return StepIndex.Kind.STEP;
        }
        for (StepIndex.Kind kind : StepIndex.Kind.values()) {
            if (kind.isHook() && method.hasAnnotation(HookKind.of(kind).annotation().getName())) {
                return kind;
            }
        }
        return null;
    }

    private static List<String> stepTexts(MethodInfo method) {
        Object value = method.getAnnotationInfo(Step.class.getName()).getParameterValues().getValue("value");
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /**
     * Turns index entries into the registry. Steps stay unloaded until they run; hooks are loaded
     * now (there are few, and their order and tag filters live in their annotations). An entry
     * that no longer resolves is reported, not fatal.
     */
    private Loaded build(List<StepIndex.Entry> entries, ClassLoader loader, int indexed, int scanned) {
        List<StepImplementation> steps = new ArrayList<>();
        List<HookImplementation> hooks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (StepIndex.Entry entry : entries) {
            String member = entry.kind().id() + " " + entry.className() + "." + entry.methodName()
                    + entry.parameterTypes();
            if (!seen.add(member)) {
                continue; // listed by two indexes (for example an incremental compile); one method is one step
            }
            if (entry.kind() == StepIndex.Kind.STEP) {
                steps.add(new StepImplementation(entry.texts().stream().map(StepText::parse).toList(),
                        entry.className(), entry.methodName(), entry.parameterTypes(), entry.sourceFile(),
                        entry.line(), loader));
                continue;
            }
            try {
                hooks.add(hook(entry, Members.find(entry.className(), entry.methodName(), entry.parameterTypes(),
                        loader)));
            } catch (ReflectiveOperationException | LinkageError e) {
                String problem = "Cannot load " + entry.location() + " listed in the step index: " + e
                        + ". Rebuild the project so its compiled classes and index agree.";
                problems.add(problem);
                log.warning(problem);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                log.error(e.getMessage());
            }
        }
        return new Loaded(new StepRegistry(steps, hooks), indexed, scanned, List.copyOf(problems));
    }

    private static HookImplementation hook(StepIndex.Entry entry, Method method) {
        HookKind kind = HookKind.of(entry.kind());
        Annotation annotation = method.getAnnotation(kind.annotation());
        if (method.getParameterCount() > 1
                || (method.getParameterCount() == 1 && method.getParameterTypes()[0] != ExecutionContext.class)) {
            throw new IllegalArgumentException("Hook " + entry.location()
                    + " may take no parameters or one ExecutionContext");
        }
        String tags = annotation == null ? "" : (String) attribute(annotation, "tags");
        int order = annotation == null ? 0 : (Integer) attribute(annotation, "order");
        TagExpression filter;
        try {
            filter = TagExpression.parse(tags);
        } catch (TagExpressionException e) {
            throw new IllegalArgumentException("Hook " + entry.location() + " has an invalid tag expression: "
                    + e.getMessage(), e);
        }
        return new HookImplementation(kind, method, filter, order, entry.sourceFile(), entry.line());
    }

    private static Object attribute(Annotation annotation, String name) {
        try {
            return annotation.annotationType().getMethod(name).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation.annotationType() + " has no " + name, e);
        }
    }
}
