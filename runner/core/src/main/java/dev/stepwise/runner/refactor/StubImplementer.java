package dev.stepwise.runner.refactor;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import dev.stepwise.runner.source.JavaSources;
import dev.stepwise.runner.source.SourceIndex;
import dev.stepwise.runner.source.SourceSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adds stub implementations to a Java file (Gauge's "implement this step" action). An existing file
 * gets the stubs after its last method, with imports added when missing; a new file becomes a
 * complete class in the package its folder implies. Nothing is written here but a new, empty file:
 * the edits are returned for the editor to apply, as Gauge expects.
 */
public final class StubImplementer {

    private static final String STEP_FQN = "dev.stepwise.api.Step";
    private static final String TABLE_FQN = "dev.stepwise.api.Table";

    private final SourceIndex index;
    private final ProjectPaths paths;

    public StubImplementer(SourceIndex index, ProjectPaths paths) {
        this.index = index;
        this.paths = paths;
    }

    /** The file the edits apply to, and the edits (0-based lines). */
    public record Result(Path file, List<TextEdit> edits) {
        public Result {
            edits = List.copyOf(edits);
        }
    }

    public Result implement(String requestedPath, List<String> codes) throws RefactorException {
        if (codes.isEmpty()) {
            throw new RefactorException("No stub code was given");
        }
        Path file = requestedPath.isBlank() || requestedPath.equals("New File")
                ? newFileIn(index.roots().get(0))
                : paths.inside(requestedPath);
        if (!file.toString().endsWith(".java")) {
            throw new RefactorException(file + " is not a Java source file");
        }
        List<String> stubs = codes.stream().map(StubImplementer::shortNames).toList();
        if (!Files.exists(file)) {
            return newClass(file, stubs);
        }
        String text = index.text(file).orElseThrow(() -> new RefactorException("Cannot read " + file));
        CompilationUnit unit;
        try {
            unit = JavaSources.parse(file, text, JavaSources.parser());
        } catch (SourceSyntaxException e) {
            throw new RefactorException(e.getMessage() + ". Fix them before adding a stub.", e);
        }
        TypeDeclaration<?> type = primaryType(file, unit)
                .orElseThrow(() -> new RefactorException(file + " declares no class to add the stub to"));
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        String indent = memberIndent(text, type);
        List<TextEdit> edits = new ArrayList<>(importEdits(unit, text, newline, stubs));
        edits.add(memberEdit(type, text, newline, indent, stubs));
        return new Result(file, edits);
    }

    private static Path newFileIn(Path root) {
        Path candidate = root.resolve("StepImplementation.java");
        for (int n = 2; Files.exists(candidate); n++) {
            candidate = root.resolve("StepImplementation" + n + ".java");
        }
        return candidate;
    }

    /** Suggestions name API types in full so they compile anywhere; in a file, imports do that. */
    private static String shortNames(String code) {
        return code.replace("@" + STEP_FQN + "(", "@Step(").replace(TABLE_FQN + " ", "Table ");
    }

    private static List<String> neededImports(List<String> stubs) {
        List<String> imports = new ArrayList<>();
        if (stubs.stream().anyMatch(s -> s.contains("@Step("))) {
            imports.add(STEP_FQN);
        }
        if (stubs.stream().anyMatch(s -> s.contains("Table "))) {
            imports.add(TABLE_FQN);
        }
        return imports;
    }

    private Result newClass(Path file, List<String> stubs) throws RefactorException {
        String className = file.getFileName().toString().replaceFirst("\\.java$", "");
        if (!javax.lang.model.SourceVersion.isName(className)) {
            throw new RefactorException(file.getFileName() + " is not a valid Java class file name");
        }
        String pkg = packageOf(file);
        StringBuilder out = new StringBuilder();
        if (!pkg.isEmpty()) {
            out.append("package ").append(pkg).append(";\n\n");
        }
        for (String imp : neededImports(stubs)) {
            out.append("import ").append(imp).append(";\n");
        }
        out.append("\npublic class ").append(className).append(" {\n");
        for (String stub : stubs) {
            out.append('\n').append(indent(stub, "    ", "\n"));
        }
        out.append("}\n");
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new RefactorException("Cannot create " + file + ": " + e.getMessage(), e);
        }
        return new Result(file, List.of(new TextEdit(0, 0, 0, 0, out.toString())));
    }

    private String packageOf(Path file) {
        for (Path root : index.roots()) {
            if (file.startsWith(root) && file.getParent() != null) {
                Path relative = root.relativize(file.getParent());
                return relative.toString().isEmpty() ? "" : relative.toString().replace(file.getFileSystem()
                        .getSeparator(), ".");
            }
        }
        return "";
    }

    private static Optional<TypeDeclaration<?>> primaryType(Path file, CompilationUnit unit) {
        String expected = file.getFileName().toString().replaceFirst("\\.java$", "");
        Optional<TypeDeclaration<?>> named = unit.getTypes().stream()
                .filter(t -> t.getNameAsString().equals(expected)).findFirst().map(t -> (TypeDeclaration<?>) t);
        return named.isPresent() ? named : unit.getTypes().stream().findFirst().map(t -> (TypeDeclaration<?>) t);
    }

    private static String memberIndent(String text, TypeDeclaration<?> type) {
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member.getBegin().isPresent()) {
                String line = text.lines().skip(member.getBegin().get().line - 1).findFirst().orElse("");
                String lead = line.substring(0, line.length() - line.stripLeading().length());
                if (!lead.isEmpty()) {
                    return lead;
                }
            }
        }
        return "    ";
    }

    private static TextEdit memberEdit(TypeDeclaration<?> type, String text, String newline, String indent,
                                       List<String> stubs) throws RefactorException {
        StringBuilder insert = new StringBuilder();
        for (String stub : stubs) {
            insert.append(newline).append(newline).append(indent(stub, indent, newline).stripTrailing());
        }
        Optional<MethodDeclaration> lastMethod = type.getMembers().stream()
                .filter(m -> m instanceof MethodDeclaration).map(m -> (MethodDeclaration) m)
                .reduce((first, second) -> second);
        if (lastMethod.isPresent() && lastMethod.get().getEnd().isPresent()) {
            var end = lastMethod.get().getEnd().get();
            // JavaParser's end column is 1-based inclusive, which is the 0-based column just after it.
            return new TextEdit(end.line - 1, end.column, end.line - 1, end.column, insert.toString());
        }
        // No methods yet: right before the class's closing brace.
        var end = type.getEnd().orElseThrow(() -> new RefactorException("no position for " + type.getNameAsString()));
        int line = end.line - 1;
        int column = end.column - 1;
        return new TextEdit(line, column, line, column, insert.substring(newline.length()) + newline);
    }

    private static List<TextEdit> importEdits(CompilationUnit unit, String text, String newline,
                                              List<String> stubs) {
        List<String> missing = new ArrayList<>();
        for (String needed : neededImports(stubs)) {
            String pkg = needed.substring(0, needed.lastIndexOf('.'));
            boolean present = unit.getImports().stream().anyMatch(i -> !i.isStatic()
                    && (i.getNameAsString().equals(needed) || (i.isAsterisk() && i.getNameAsString().equals(pkg))));
            if (!present) {
                missing.add(needed);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        StringBuilder lines = new StringBuilder();
        missing.forEach(m -> lines.append(newline).append("import ").append(m).append(';'));
        Optional<ImportDeclaration> lastImport = unit.getImports().stream().reduce((a, b) -> b);
        if (lastImport.isPresent() && lastImport.get().getEnd().isPresent()) {
            var end = lastImport.get().getEnd().get();
            return List.of(new TextEdit(end.line - 1, end.column, end.line - 1, end.column, lines.toString()));
        }
        if (unit.getPackageDeclaration().flatMap(p -> p.getEnd()).isPresent()) {
            var end = unit.getPackageDeclaration().get().getEnd().get();
            return List.of(new TextEdit(end.line - 1, end.column, end.line - 1, end.column,
                    newline + lines));
        }
        return List.of(new TextEdit(0, 0, 0, 0, lines.substring(newline.length()) + newline + newline));
    }

    private static String indent(String code, String indent, String newline) {
        StringBuilder out = new StringBuilder();
        for (String line : code.strip().split("\\R", -1)) {
            out.append(line.isEmpty() ? "" : indent + line).append(newline);
        }
        return out.toString();
    }
}
