package dev.stepwise.api.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;

/**
 * Source file and line of elements through the javac tree API.
 *
 * <p>Kept in its own class so that {@link StepIndexProcessor} loads and runs where
 * {@code com.sun.source} is missing (another compiler) or refuses the environment (a build tool
 * that wraps it): creation fails there and the index simply has no positions.
 */
final class SourceLocator {

    /** File relative to its source root, and 1-based line (0 when unknown). */
    record Position(String file, int line) {
        static final Position UNKNOWN = new Position("", 0);
    }

    private final Trees trees;

    private SourceLocator(Trees trees) {
        this.trees = trees;
    }

    /** Returns a locator, or {@code null} when the tree API is not available for this environment. */
    static SourceLocator create(ProcessingEnvironment env) {
        try {
            return new SourceLocator(Trees.instance(env));
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    Position locate(Element element, String packageName) {
        try {
            TreePath path = trees.getPath(element);
            if (path == null) {
                return Position.UNKNOWN; // element comes from a class file, not from source
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            String uriPath = unit.getSourceFile().toUri().getPath();
            String name = unit.getSourceFile().getName();
            String simple = uriPath != null ? uriPath : name;
            simple = simple.substring(Math.max(simple.lastIndexOf('/'), simple.lastIndexOf('\\')) + 1);
            String file = packageName.isEmpty() ? simple : packageName.replace('.', '/') + "/" + simple;
            Tree leaf = path.getLeaf();
            SourcePositions positions = trees.getSourcePositions();
            long start = positions.getStartPosition(unit, leaf);
            int line = start < 0 || unit.getLineMap() == null ? 0 : (int) unit.getLineMap().getLineNumber(start);
            return new Position(file, line);
        } catch (LinkageError | RuntimeException e) {
            return Position.UNKNOWN;
        }
    }
}
