package dev.stepwise.runner.source;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code @Step} annotations from source: only the real annotation (imported from
 * {@code dev.stepwise.api}, or written fully qualified) counts, in any of its forms: a literal, an
 * array of aliases, {@code value = ...}, string concatenations and {@code static final} constants
 * of the file.
 */
final class StepAnnotations {

    static final String STEP = "dev.stepwise.api.Step";
    private static final String API_PACKAGE = "dev.stepwise.api";

    private final CompilationUnit unit;
    private final boolean stepImported;

    StepAnnotations(CompilationUnit unit) {
        this.unit = unit;
        boolean imported = false;
        for (ImportDeclaration i : unit.getImports()) {
            if (!i.isStatic() && ((i.isAsterisk() && i.getNameAsString().equals(API_PACKAGE))
                    || (!i.isAsterisk() && i.getNameAsString().equals(STEP)))) {
                imported = true;
            }
        }
        this.stepImported = imported
                || unit.getPackageDeclaration().map(p -> p.getNameAsString().equals(API_PACKAGE)).orElse(false);
    }

    boolean isStep(AnnotationExpr annotation) {
        String name = annotation.getNameAsString();
        return name.equals(STEP) || (stepImported && name.equals("Step"));
    }

    /** The value expression of a {@code @Step}, if it has one. */
    static Optional<Expression> value(AnnotationExpr annotation) {
        if (annotation instanceof SingleMemberAnnotationExpr single) {
            return Optional.of(single.getMemberValue());
        }
        if (annotation instanceof NormalAnnotationExpr normal) {
            for (MemberValuePair pair : normal.getPairs()) {
                if (pair.getNameAsString().equals("value")) {
                    return Optional.of(pair.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** The texts of a {@code @Step}, or empty when one of them is not a compile-time constant we can read. */
    Optional<List<String>> texts(AnnotationExpr annotation) {
        Optional<Expression> value = value(annotation);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        List<Expression> elements = value.get() instanceof ArrayInitializerExpr array
                ? array.getValues()
                : List.of(value.get());
        for (Expression element : elements) {
            Optional<String> text = constant(element, annotation, new HashSet<>());
            if (text.isEmpty()) {
                return Optional.empty();
            }
            texts.add(text.get());
        }
        return Optional.of(texts);
    }

    private Optional<String> constant(Expression e, Node context, Set<String> visiting) {
        if (e instanceof StringLiteralExpr s) {
            return Optional.of(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr t) {
            return Optional.of(t.asString());
        }
        if (e instanceof EnclosedExpr enclosed) {
            return constant(enclosed.getInner(), context, visiting);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<String> left = constant(b.getLeft(), context, visiting);
            Optional<String> right = constant(b.getRight(), context, visiting);
            return left.isPresent() && right.isPresent() ? Optional.of(left.get() + right.get()) : Optional.empty();
        }
        if (e instanceof NameExpr name) {
            return field(enclosingTypes(context), name.getNameAsString(), visiting);
        }
        if (e instanceof FieldAccessExpr access && access.getScope() instanceof NameExpr scope) {
            List<TypeDeclaration<?>> owner = new ArrayList<>();
            for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
                if (type.getNameAsString().equals(scope.getNameAsString())) {
                    owner.add(type);
                }
            }
            return field(owner, access.getNameAsString(), visiting);
        }
        return Optional.empty();
    }

    private static List<TypeDeclaration<?>> enclosingTypes(Node node) {
        List<TypeDeclaration<?>> types = new ArrayList<>();
        Optional<Node> current = node.getParentNode();
        while (current.isPresent()) {
            if (current.get() instanceof TypeDeclaration<?> type) {
                types.add(type);
            }
            current = current.get().getParentNode();
        }
        return types;
    }

    /** A {@code static final String} field's value, searched from the innermost type outwards. */
    private Optional<String> field(List<TypeDeclaration<?>> types, String name, Set<String> visiting) {
        for (TypeDeclaration<?> type : types) {
            for (FieldDeclaration field : type.getFields()) {
                for (VariableDeclarator variable : field.getVariables()) {
                    if (!variable.getNameAsString().equals(name)) {
                        continue;
                    }
                    boolean constant = field.isFinal() && (field.isStatic() || type.isAnnotationDeclaration()
                            || (type instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c
                            && c.isInterface()));
                    String key = type.getNameAsString() + "." + name;
                    if (!constant || variable.getInitializer().isEmpty() || !visiting.add(key)) {
                        return Optional.empty();
                    }
                    return constant(variable.getInitializer().get(), variable, visiting);
                }
            }
        }
        return Optional.empty();
    }
}
