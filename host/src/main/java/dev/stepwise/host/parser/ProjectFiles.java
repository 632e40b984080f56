package dev.stepwise.host.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves {@code file:} / {@code table:} paths the way Gauge does (absolute, else project root + gauge_data_dir), and
 * refuses every path that leaves the project root. A path is read only when its normalised form is inside the root
 * and so is its real path: symbolic links are followed, but one whose target (or any link on the way) lies outside
 * the project is refused like a {@code ../} path. An absolute path inside the project is accepted.
 */
final class ProjectFiles {

    /**
     * The outcome of looking a path up: the contents, or why they cannot be used.
     *
     * @param contents    the file's text, when it can be used
     * @param problem     otherwise what is wrong and what to do (a clause for a diagnostic); empty when found
     * @param outsideRoot true when the path was refused for leaving the project root (not merely missing)
     */
    record Lookup(Optional<String> contents, String problem, boolean outsideRoot) {
        boolean found() {
            return contents.isPresent();
        }
    }

    private static final String OUTSIDE = "outside the project root";

    private final Path root;
    private final ParserSettings settings;

    ProjectFiles(Path root, ParserSettings settings) {
        this.root = root.toAbsolutePath().normalize();
        this.settings = settings;
    }

    Path root() {
        return root;
    }

    ParserSettings settings() {
        return settings;
    }

    /** Where a path would be looked for (normalised, not checked); throws InvalidPathException for an invalid path. */
    Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        if (!settings.dataDir().isEmpty() && !settings.dataDir().equals(".")) {
            return root.resolve(settings.dataDir()).resolve(path).normalize();
        }
        return root.resolve(path).normalize();
    }

    /** Looks a path up; never throws. */
    Lookup lookup(String path) {
        Path p;
        try {
            p = resolve(path);
        } catch (InvalidPathException e) {
            return refused("Path '" + printable(path) + "' is not a valid file path (" + e.getReason()
                    + "); fix the path (relative to the project root and gauge_data_dir)");
        }
        if (!p.startsWith(root)) {
            return outside("Path '" + printable(path) + "' resolves to " + p + ", " + OUTSIDE + " " + root
                    + "; spec files may only read files inside the project: copy the file into it (e.g. under"
                    + " gauge_data_dir) and use a path relative to the project root");
        }
        if (!Files.isRegularFile(p)) {
            return refused("File " + p + " does not exist; fix the path (relative to the project root and"
                    + " gauge_data_dir)");
        }
        try {
            Path real = p.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                return outside("Path '" + printable(path) + "' is a symbolic link (or goes through one) to " + real
                        + ", " + OUTSIDE + " " + root + "; links must stay inside the project: copy the file into"
                        + " the project instead");
            }
            return new Lookup(Optional.of(Files.readString(real, StandardCharsets.UTF_8)), "", false);
        } catch (IOException | RuntimeException e) {
            return refused("File " + p + " could not be read as UTF-8 text (" + e.getMessage() + "); check that it"
                    + " is readable and UTF-8 encoded");
        }
    }

    Optional<String> read(String path) {
        return lookup(path).contents();
    }

    private static Lookup refused(String problem) {
        return new Lookup(Optional.empty(), problem, false);
    }

    private static Lookup outside(String problem) {
        return new Lookup(Optional.empty(), problem, true);
    }

    /** The path with control characters shown as {@code \\uXXXX}, so a message never carries a NUL or a newline. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
