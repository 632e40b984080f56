package dev.stepwise.runner.source;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import dev.stepwise.runner.registry.StepText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses Java source text with JavaParser. */
public final class JavaSources {

    private JavaSources() {
    }

    /** A parser for current Java; instances are not thread-safe, so each parse gets its own. */
    public static JavaParser parser() {
        return new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(true));
    }

    /**
     * Parses {@code text}, or throws {@link SourceSyntaxException} naming the file and the first
     * problem's position.
     */
    public static CompilationUnit parse(Path file, String text, JavaParser parser) throws SourceSyntaxException {
        ParseResult<CompilationUnit> result = parser.parse(text);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            throw new SourceSyntaxException(file, result.getProblems().stream()
                    .map(JavaSources::describe).collect(Collectors.joining("; ")));
        }
        return result.getResult().get();
    }

    private static String describe(Problem problem) {
        return problem.getLocation()
                .flatMap(l -> l.getBegin().getRange())
                .map(r -> "line " + r.begin.line + ", column " + r.begin.column + ": ")
                .orElse("") + problem.getMessage().lines().findFirst().orElse("");
    }

    /** The steps declared in a parsed file. Methods of anonymous and local classes never run as steps. */
    static FileSteps stepsOf(Path file, CompilationUnit unit) {
        StepAnnotations annotations = new StepAnnotations(unit);
        List<SourceStep> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (MethodDeclaration method : unit.findAll(MethodDeclaration.class)) {
            Optional<AnnotationExpr> step = method.getAnnotations().stream().filter(annotations::isStep).findFirst();
            if (step.isEmpty() || insideLocalOrAnonymousClass(method) || method.getRange().isEmpty()) {
                continue;
            }
            Optional<List<String>> texts = annotations.texts(step.get());
            String className = binaryName(method, unit);
            if (texts.isEmpty()) {
                problems.add(file + ":" + method.getBegin().map(p -> p.line).orElse(0) + ": the text of @Step on "
                        + className + "." + method.getNameAsString()
                        + " is not a constant this runner can read from source");
                continue;
            }
            steps.add(new SourceStep(file, className, method.getNameAsString(),
                    texts.get().stream().map(StepText::parse).toList(), SourceSpan.of(method.getRange().get())));
        }
        return new FileSteps(file, steps, problems, Optional.empty());
    }

    private static boolean insideLocalOrAnonymousClass(Node node) {
        Optional<Node> parent = node.getParentNode();
        while (parent.isPresent()) {
            Node p = parent.get();
            if (p instanceof ObjectCreationExpr || p instanceof LocalClassDeclarationStmt
                    || p instanceof LocalRecordDeclarationStmt) {
                return true;
            }
            parent = p.getParentNode();
        }
        return false;
    }

    /** {@code pkg.Outer$Inner} for a method in a nested type. */
    static String binaryName(Node member, CompilationUnit unit) {
        List<String> names = new ArrayList<>();
        Optional<Node> parent = member.getParentNode();
        while (parent.isPresent()) {
            if (parent.get() instanceof TypeDeclaration<?> type) {
                names.add(0, type.getNameAsString());
            }
            parent = parent.get().getParentNode();
        }
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
        return pkg + String.join("$", names);
    }
}
