package dev.stepwise.runner.refactor;

import java.nio.file.Path;

/** Keeps editor requests inside the project: a path that leaves the project root is refused. */
public final class ProjectPaths {

    private final Path root;

    public ProjectPaths(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Resolves {@code path} against the root and refuses it unless it stays inside. */
    public Path inside(String path) throws RefactorException {
        Path resolved = root.resolve(path).toAbsolutePath().normalize();
        if (!resolved.startsWith(root)) {
            throw new RefactorException(path + " is outside the project " + root + "; refused");
        }
        return resolved;
    }
}
