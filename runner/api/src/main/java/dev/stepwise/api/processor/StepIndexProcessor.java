package dev.stepwise.api.processor;

import dev.stepwise.api.AfterScenario;
import dev.stepwise.api.AfterSpec;
import dev.stepwise.api.AfterStep;
import dev.stepwise.api.AfterSuite;
import dev.stepwise.api.BeforeScenario;
import dev.stepwise.api.BeforeSpec;
import dev.stepwise.api.BeforeStep;
import dev.stepwise.api.BeforeSuite;
import dev.stepwise.api.ContinueOnFailure;
import dev.stepwise.api.ExecutionContext;
import dev.stepwise.api.Step;
import dev.stepwise.api.StepScope;
import dev.stepwise.api.index.StepIndex;
import dev.stepwise.api.index.StepIndex.Entry;
import dev.stepwise.api.index.StepIndex.Kind;
import dev.stepwise.api.tags.TagExpression;
import dev.stepwise.api.tags.TagExpressionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the {@linkplain StepIndex step index} at compile time and rejects step and hook methods
 * the runner could not call.
 *
 * <p>Registered in {@code META-INF/services/javax.annotation.processing.Processor}, so javac runs
 * it whenever this jar is on the annotation processor path (by default, the class path). It
 * writes {@value StepIndex#RESOURCE} to the class output after the last round.
 *
 * <p>Errors: a {@code @Step} without text or with a blank text, aliases with different
 * placeholder counts, a placeholder count that differs from the method's parameter count, a
 * step or hook that is not a public instance method of a concrete class the runner can
 * instantiate (top-level or static nested), a hook with more than one parameter or a parameter
 * other than {@link ExecutionContext}, and an invalid hook tag expression. (Methods of local and
 * anonymous classes are invisible to annotation processors; the runner cannot call them anyway.)
 * Warnings: the same step text (placeholders ignored) on two methods or twice on one, listing
 * both locations; {@code @ContinueOnFailure} on a method without {@code @Step}.
 *
 * <p>Incremental compilation: when the class output already holds an index, its entries for
 * classes outside this compilation are kept if their class file still exists.
 */
public final class StepIndexProcessor extends AbstractProcessor {

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");

    static {
        KINDS.put(Step.class.getCanonicalName(), Kind.STEP);
        KINDS.put(BeforeSuite.class.getCanonicalName(), Kind.BEFORE_SUITE);
        KINDS.put(AfterSuite.class.getCanonicalName(), Kind.AFTER_SUITE);
        KINDS.put(BeforeSpec.class.getCanonicalName(), Kind.BEFORE_SPEC);
        KINDS.put(AfterSpec.class.getCanonicalName(), Kind.AFTER_SPEC);
        KINDS.put(BeforeScenario.class.getCanonicalName(), Kind.BEFORE_SCENARIO);
        KINDS.put(AfterScenario.class.getCanonicalName(), Kind.AFTER_SCENARIO);
        KINDS.put(BeforeStep.class.getCanonicalName(), Kind.BEFORE_STEP);
        KINDS.put(AfterStep.class.getCanonicalName(), Kind.AFTER_STEP);
    }

    /** A step text seen in this compilation, for duplicate warnings. */
    private record Seen(ExecutableElement method, String text, String where) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> compiledTypes = new HashSet<>();
    private final Map<String, List<Seen>> stepTexts = new LinkedHashMap<>();
    private Elements elements;
    private Types types;
    private Messager messager;
    private Filer filer;
    private SourceLocator locator; // null when the javac tree API is unavailable

    /** Called by the compiler through {@link java.util.ServiceLoader}. */
    public StepIndexProcessor() {
    }

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        types = env.getTypeUtils();
        messager = env.getMessager();
        filer = env.getFiler();
        locator = SourceLocator.create(env);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new HashSet<>(KINDS.keySet());
        names.add(ContinueOnFailure.class.getCanonicalName());
        names.add(StepScope.class.getCanonicalName());
        return names;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
            collectTypes(type);
        }
        for (Map.Entry<String, Kind> kind : KINDS.entrySet()) {
            TypeElement annotation = elements.getTypeElement(kind.getKey());
            if (annotation == null) {
                continue;
            }
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation))) {
                index(method, kind.getValue(), annotation);
            }
        }
        TypeElement continueOnFailure = elements.getTypeElement(ContinueOnFailure.class.getCanonicalName());
        if (continueOnFailure != null) {
            for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(continueOnFailure))) {
                if (method.getAnnotation(Step.class) == null) {
                    messager.printMessage(Diagnostic.Kind.WARNING,
                            "@ContinueOnFailure has no effect without @Step (hooks are never recoverable)", method);
                }
            }
        }
        if (round.processingOver()) {
            warnDuplicates();
            writeIndex();
        }
        // Claim them: they are ours, and unclaimed annotations trigger a -Xlint:processing warning
        // in user builds (fatal with -Werror).
        return true;
    }

    private void collectTypes(TypeElement type) {
        compiledTypes.add(elements.getBinaryName(type).toString());
        for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
            collectTypes(member);
        }
    }

    private void index(ExecutableElement method, Kind kind, TypeElement annotationType) {
        AnnotationMirror mirror = mirrorOf(method, annotationType);
        String annotationName = "@" + annotationType.getSimpleName();
        boolean valid = checkCallable(method, annotationName, mirror);
        List<String> texts = List.of();
        if (kind == Kind.STEP) {
            texts = stepTexts(method, mirror);
            valid &= checkStep(method, texts, mirror);
        } else {
            valid &= checkHook(method, annotationName, mirror);
        }
        if (!valid) {
            return;
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        String className = elements.getBinaryName(owner).toString();
        List<String> params = new ArrayList<>();
        for (VariableElement p : method.getParameters()) {
            params.add(jvmName(p.asType()));
        }
        SourceLocator.Position pos = locator == null ? SourceLocator.Position.UNKNOWN
                : locator.locate(method, elements.getPackageOf(method).getQualifiedName().toString());
        Entry entry = new Entry(kind, className, method.getSimpleName().toString(), params, pos.file(), pos.line(), texts);
        entries.add(entry);
        if (kind == Kind.STEP) {
            for (String text : texts) {
                stepTexts.computeIfAbsent(normalise(text), k -> new ArrayList<>())
                        .add(new Seen(method, text, entry.location() + " (" + className + "." + entry.methodName() + ")"));
            }
        }
    }

    private static AnnotationMirror mirrorOf(Element element, TypeElement annotationType) {
        for (AnnotationMirror m : element.getAnnotationMirrors()) {
            if (m.getAnnotationType().asElement().equals(annotationType)) {
                return m;
            }
        }
        return null;
    }

    private Object value(AnnotationMirror mirror, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : elements.getElementValuesWithDefaults(mirror).entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue().getValue();
            }
        }
        return null;
    }

    private List<String> stepTexts(ExecutableElement method, AnnotationMirror mirror) {
        List<String> texts = new ArrayList<>();
        Object value = mirror == null ? null : value(mirror, "value");
        if (value instanceof List<?> list) {
            for (Object v : list) {
                Object text = v instanceof AnnotationValue av ? av.getValue() : v;
                texts.add(String.valueOf(text));
            }
        } else if (value instanceof String s) {
            texts.add(s);
        }
        return texts;
    }

    /** Steps and hooks are called on an instance the runner creates, so both must be reachable that way. */
    private boolean checkCallable(ExecutableElement method, String annotation, AnnotationMirror mirror) {
        Set<Modifier> mods = method.getModifiers();
        boolean ok = true;
        if (!mods.contains(Modifier.PUBLIC) || mods.contains(Modifier.STATIC) || mods.contains(Modifier.ABSTRACT)) {
            error(annotation + " method " + method.getSimpleName() + " must be a public instance method"
                    + " (not static, not abstract) so the runner can call it", method, mirror);
            ok = false;
        }
        Element enclosing = method.getEnclosingElement();
        if (!(enclosing instanceof TypeElement owner)) {
            return false;
        }
        boolean classKind = owner.getKind() == ElementKind.CLASS || owner.getKind() == ElementKind.RECORD;
        boolean nestingOk = owner.getNestingKind() == NestingKind.TOP_LEVEL
                || (owner.getNestingKind() == NestingKind.MEMBER && owner.getModifiers().contains(Modifier.STATIC));
        if (!classKind || owner.getModifiers().contains(Modifier.ABSTRACT) || !nestingOk) {
            error(annotation + " method " + method.getSimpleName() + " is declared in " + describe(owner)
                    + "; the runner can only instantiate concrete top-level or static nested classes", method, mirror);
            ok = false;
        }
        return ok;
    }

    private static String describe(TypeElement owner) {
        String name = owner.getSimpleName().toString();
        if (owner.getNestingKind() == NestingKind.ANONYMOUS) {
            return "an anonymous class";
        }
        if (owner.getNestingKind() == NestingKind.LOCAL) {
            return "local class " + name;
        }
        if (owner.getKind() == ElementKind.INTERFACE) {
            return "interface " + name;
        }
        if (owner.getKind() == ElementKind.ENUM) {
            return "enum " + name;
        }
        if (owner.getModifiers().contains(Modifier.ABSTRACT)) {
            return "abstract class " + name;
        }
        if (owner.getNestingKind() == NestingKind.MEMBER) {
            return "inner (non-static) class " + name;
        }
        return name;
    }

    private boolean checkStep(ExecutableElement method, List<String> texts, AnnotationMirror mirror) {
        if (texts.isEmpty()) {
            error("@Step on " + method.getSimpleName() + " needs at least one step text", method, mirror);
            return false;
        }
        boolean ok = true;
        int params = method.getParameters().size();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.isBlank()) {
                error("@Step text " + (i + 1) + " on " + method.getSimpleName() + " is empty", method, mirror);
                ok = false;
                continue;
            }
            List<String> placeholders = placeholders(text);
            if (placeholders.size() != params) {
                error("@Step text \"" + text + "\" has " + placeholders.size() + " parameter(s) " + placeholders
                        + " but method " + method.getSimpleName() + " takes " + params, method, mirror);
                ok = false;
            }
        }
        return ok;
    }

    private boolean checkHook(ExecutableElement method, String annotation, AnnotationMirror mirror) {
        boolean ok = true;
        List<? extends VariableElement> params = method.getParameters();
        String contextName = ExecutionContext.class.getCanonicalName();
        if (params.size() > 1) {
            error(annotation + " hook " + method.getSimpleName() + " takes " + params.size()
                    + " parameters; a hook takes none or one " + contextName, method, mirror);
            ok = false;
        } else if (params.size() == 1) {
            TypeMirror type = types.erasure(params.get(0).asType());
            boolean isContext = type instanceof DeclaredType d
                    && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(contextName);
            if (!isContext) {
                error(annotation + " hook " + method.getSimpleName() + " has a parameter of type " + type
                        + "; a hook takes none or one " + contextName, method, mirror);
                ok = false;
            }
        }
        Object tags = mirror == null ? null : value(mirror, "tags");
        if (tags instanceof String expression) {
            try {
                TagExpression.parse(expression);
            } catch (TagExpressionException e) {
                error(annotation + " tags: " + e.getMessage(), method, mirror);
                ok = false;
            }
        }
        return ok;
    }

    private void warnDuplicates() {
        for (List<Seen> seen : stepTexts.values()) {
            for (int i = 1; i < seen.size(); i++) {
                Seen first = seen.get(0);
                Seen dup = seen.get(i);
                messager.printMessage(Diagnostic.Kind.WARNING, "Duplicate step text \"" + dup.text()
                        + "\": implemented at " + first.where() + " and at " + dup.where()
                        + "; the runner cannot choose between them", dup.method());
            }
        }
    }

    private void writeIndex() {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(previousEntriesToKeep());
        String content = StepIndex.of(all).format();
        try {
            FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", StepIndex.RESOURCE);
            try (Writer w = out.openWriter()) {
                w.write(content);
            }
        } catch (IOException e) {
            messager.printMessage(Diagnostic.Kind.ERROR, "Cannot write " + StepIndex.RESOURCE + ": " + e);
        }
    }

    /** Entries of an earlier compilation into the same output, for classes this one did not compile. */
    private List<Entry> previousEntriesToKeep() {
        List<Entry> keep = new ArrayList<>();
        StepIndex previous;
        try {
            FileObject existing = filer.getResource(StandardLocation.CLASS_OUTPUT, "", StepIndex.RESOURCE);
            try (InputStream in = existing.openInputStream()) {
                previous = StepIndex.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return keep; // no usable earlier index: this compilation's entries are all there is
        }
        Map<String, Boolean> classExists = new LinkedHashMap<>();
        for (Entry e : previous.entries()) {
            if (!compiledTypes.contains(e.className())
                    && classExists.computeIfAbsent(e.className(), this::classFileExists)) {
                keep.add(e);
            }
        }
        return keep;
    }

    private boolean classFileExists(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binaryName.substring(0, dot);
        String file = binaryName.substring(dot + 1) + ".class";
        try (InputStream in = filer.getResource(StandardLocation.CLASS_OUTPUT, pkg, file).openInputStream()) {
            return in != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void error(String message, Element element, AnnotationMirror mirror) {
        if (mirror == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
        }
    }

    static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    /** The form Gauge matches steps by: placeholders replaced, outer whitespace ignored. */
    static String normalise(String text) {
        return PLACEHOLDER.matcher(text.strip()).replaceAll("{}");
    }

    /** The erased type as {@link Class#getName()} spells it, so the runner can compare directly. */
    private String jvmName(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        switch (erased.getKind()) {
            case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case CHAR: case FLOAT: case DOUBLE:
                return erased.getKind().name().toLowerCase(java.util.Locale.ROOT);
            case ARRAY:
                return "[" + descriptor(((ArrayType) erased).getComponentType());
            case DECLARED:
                return elements.getBinaryName((TypeElement) ((DeclaredType) erased).asElement()).toString();
            default:
                return erased.toString();
        }
    }

    private String descriptor(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        switch (erased.getKind()) {
            case BOOLEAN: return "Z";
            case BYTE: return "B";
            case SHORT: return "S";
            case INT: return "I";
            case LONG: return "J";
            case CHAR: return "C";
            case FLOAT: return "F";
            case DOUBLE: return "D";
            case ARRAY: return "[" + descriptor(((ArrayType) erased).getComponentType());
            case DECLARED:
                return "L" + elements.getBinaryName((TypeElement) ((DeclaredType) erased).asElement()) + ";";
            default:
                return "L" + erased + ";";
        }
    }
}
