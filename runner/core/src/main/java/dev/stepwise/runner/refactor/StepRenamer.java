package dev.stepwise.runner.refactor;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.stepwise.runner.registry.StepText;
import dev.stepwise.runner.source.JavaSources;
import dev.stepwise.runner.source.SourceIndex;
import dev.stepwise.runner.source.SourceStep;
import dev.stepwise.runner.source.SourceSyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * Renames a step in its Java source: the annotation text that matched (other aliases are kept),
 * and the method's parameters reordered, added or removed as the new text needs, each surviving
 * parameter keeping its type, name, annotations and comments. Everything else in the file is kept
 * byte for byte. It either produces the whole change or refuses with a reason, and writes only when
 * asked, atomically.
 */
public final class StepRenamer {

    private final SourceIndex index;

    public StepRenamer(SourceIndex index) {
        this.index = index;
    }

    /**
     * Where a parameter goes: {@code oldPosition} -1 adds a new one at {@code newPosition}.
     */
    public record Move(int oldPosition, int newPosition) {
    }

    /** The new content of the one file the rename touches, and the edit (0-based lines) that makes it. */
    public record Result(Path file, String content, TextEdit edit) {
    }

    /**
     * @param oldKey        the current step's {@code {}} key
     * @param newText       the new text with named parameters, like {@code Say <greeting> to <name>}
     * @param newNames      names of the new text's parameters, in order
     * @param moves         Gauge's parameter positions
     * @param save          write the file
     */
    public Result rename(String oldKey, String newText, List<String> newNames, List<Move> moves, boolean save)
            throws RefactorException {
        List<SourceStep> found = index.find(oldKey);
        if (found.isEmpty()) {
            throw new RefactorException("No step '" + oldKey + "' in the project's sources");
        }
        if (found.size() > 1) {
            throw new RefactorException("Step '" + oldKey + "' is implemented more than once ("
                    + found.stream().map(SourceStep::location).collect(Collectors.joining(", "))
                    + "); remove the duplicates first");
        }
        StepText newStep = StepText.parse(newText);
        if (newText.isBlank()) {
            throw new RefactorException("The new step text is empty");
        }
        SourceStep step = found.get(0);
        String before = index.text(step.file())
                .orElseThrow(() -> new RefactorException("Cannot read " + step.file()));
        CompilationUnit unit;
        try {
            unit = JavaSources.parse(step.file(), before, JavaSources.parser());
        } catch (SourceSyntaxException e) {
            throw new RefactorException(e.getMessage() + ". Fix them before renaming the step.", e);
        }
        MethodDeclaration method = unit.findAll(MethodDeclaration.class).stream()
                .filter(m -> m.getNameAsString().equals(step.methodName())
                        && m.getBegin().map(p -> p.line == step.span().startLine()).orElse(false))
                .findFirst()
                .orElseThrow(() -> new RefactorException("Cannot find " + step.location() + " in the file"));
        StringLiteralExpr literal = matchingLiteral(method, oldKey, step);

        // Both edits are made at JavaParser's exact token positions, so every other byte of the file
        // stays as written. (The lexical-preserving printer was tried: it drops comments inside a
        // rewritten parameter list.) The parameter list comes after the annotation, so it is edited
        // first and the literal's offsets still hold.
        int nameEnd = offsetAfter(before, method.getName().getEnd()
                .orElseThrow(() -> new RefactorException("No position for " + step.location())));
        ParameterList list = ParameterList.scan(before, nameEnd);
        String after = reshapedParameters(list, newStep.parameters().size(), names(newNames, newStep), moves)
                .map(parameters -> list.replaceIn(before, parameters))
                .orElse(before);
        var range = literal.getRange().orElseThrow(() -> new RefactorException("No position for the step text"));
        int literalStart = offsetAfter(after, range.begin) - 1;
        int literalEnd = offsetAfter(after, range.end);
        after = after.substring(0, literalStart) + '"' + escape(newText) + '"' + after.substring(literalEnd);

        TextEdit edit = TextEdit.between(before, after).orElse(new TextEdit(0, 0, 0, 0, ""));
        if (save) {
            try {
                AtomicFiles.write(step.file(), after);
            } catch (IOException e) {
                throw new RefactorException("Cannot write " + step.file() + ": " + e.getMessage(), e);
            }
            index.reloadFromDisk(step.file());
        }
        return new Result(step.file(), after, edit);
    }

    /** The string literal of the alias whose key matched; concatenations and constants are refused. */
    private static StringLiteralExpr matchingLiteral(MethodDeclaration method, String oldKey, SourceStep step)
            throws RefactorException {
        AnnotationExpr annotation = method.getAnnotations().stream()
                .filter(a -> a.getNameAsString().equals("Step") || a.getNameAsString().equals("dev.stepwise.api.Step"))
                .findFirst()
                .orElseThrow(() -> new RefactorException("No @Step on " + step.location()));
        Expression value = annotation.isSingleMemberAnnotationExpr()
                ? annotation.asSingleMemberAnnotationExpr().getMemberValue()
                : annotation.asNormalAnnotationExpr().getPairs().stream()
                        .filter(p -> p.getNameAsString().equals("value")).findFirst()
                        .map(p -> p.getValue())
                        .orElseThrow(() -> new RefactorException("@Step on " + step.location() + " has no value"));
        List<Expression> elements = value instanceof ArrayInitializerExpr array ? array.getValues() : List.of(value);
        for (Expression element : elements) {
            if (element instanceof StringLiteralExpr literal
                    && StepText.parse(literal.asString()).key().equals(oldKey.trim())) {
                return literal;
            }
        }
        throw new RefactorException("The text of " + step.location() + " that matches '" + oldKey
                + "' is built from constants or concatenation; rename it by hand");
    }

    /** Java identifiers for the new text's parameters, unique and never keywords. */
    private static List<String> names(List<String> given, StepText newStep) {
        List<String> source = given.size() == newStep.parameters().size() ? given : newStep.parameters();
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < source.size(); i++) {
            String candidate = identifier(source.get(i), i);
            String unique = candidate;
            for (int n = 2; !used.add(unique); n++) {
                unique = candidate + n;
            }
            names.add(unique);
        }
        return names;
    }

    private static String identifier(String name, int index) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (Character.isJavaIdentifierPart(c) && c != '$') {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = out.length() > 0;
            }
        }
        String s = out.toString();
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) || SourceVersion.isKeyword(s)) {
            return "arg" + index;
        }
        return s;
    }

    /**
     * The new parameter list, or empty when it stays exactly as written. Each surviving parameter
     * keeps its text (type, name, annotations, comments); new ones are {@code String name}.
     */
    private static Optional<List<String>> reshapedParameters(ParameterList list, int newCount, List<String> newNames,
                                                             List<Move> moves) throws RefactorException {
        List<String> old = list.parameters();
        Map<Integer, Integer> sourceOf = new TreeMap<>();
        for (Move move : moves) {
            if (move.newPosition() < 0 || move.newPosition() >= newCount) {
                throw new RefactorException("Parameter position " + move.newPosition() + " is outside the new text's "
                        + newCount + " parameters");
            }
            if (move.oldPosition() >= old.size()) {
                throw new RefactorException("Parameter position " + move.oldPosition() + " is outside the method's "
                        + old.size() + " parameters");
            }
            sourceOf.put(move.newPosition(), move.oldPosition());
        }
        boolean unchanged = newCount == old.size();
        for (int i = 0; i < newCount && unchanged; i++) {
            unchanged = sourceOf.getOrDefault(i, -1) == i;
        }
        if (unchanged) {
            return Optional.empty();
        }
        List<String> reordered = new ArrayList<>();
        for (int i = 0; i < newCount; i++) {
            int from = sourceOf.getOrDefault(i, -1);
            reordered.add(from >= 0 ? old.get(from) : "String " + newNames.get(i));
        }
        return Optional.of(reordered);
    }

    /** The offset just after a JavaParser position (1-based line, 1-based inclusive column) in {@code text}. */
    private static int offsetAfter(String text, com.github.javaparser.Position end) {
        int offset = 0;
        for (int line = 1; line < end.line; line++) {
            offset = nextLineStart(text, offset);
        }
        return offset + end.column;
    }

    private static int nextLineStart(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return text.length();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
