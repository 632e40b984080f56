package dev.stepwise.runner.classpath;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the project's compiled steps and their libraries are. The runner never compiles: it takes
 * an explicit classpath, else the Maven layout ({@code target/classes}, {@code target/test-classes},
 * jars in {@code target/dependency}), else jars and classes under {@code libs/}.
 *
 * @param entries     classpath entries in order
 * @param source      how they were found, for messages
 */
public record ProjectClasspath(List<Path> entries, String source) {

    public ProjectClasspath {
        entries = List.copyOf(entries);
    }

    /** Resolves the classpath of the project at {@code root}. */
    public static ProjectClasspath resolve(Path root, Optional<String> explicit) {
        if (explicit.isPresent()) {
            List<Path> entries = new ArrayList<>();
            for (String part : explicit.get().split(File.pathSeparator)) {
                if (part.isBlank()) {
                    continue;
                }
                expand(root.resolve(part.trim()).normalize(), entries);
            }
            return new ProjectClasspath(entries, "the explicit classpath");
        }
        Path target = root.resolve("target");
        if (Files.isDirectory(target.resolve("classes")) || Files.isDirectory(target.resolve("test-classes"))) {
            List<Path> entries = new ArrayList<>();
            addIfDirectory(target.resolve("test-classes"), entries);
            addIfDirectory(target.resolve("classes"), entries);
            jarsIn(target.resolve("dependency"), entries);
            return new ProjectClasspath(entries, "the Maven layout under " + target);
        }
        Path libs = root.resolve("libs");
        List<Path> entries = new ArrayList<>();
        if (Files.isDirectory(libs)) {
            entries.add(libs);
            jarsIn(libs, entries);
        }
        return new ProjectClasspath(entries, "the libs folder " + libs);
    }

    /** The directories among the entries: the project's own compiled output. */
    public List<Path> directories() {
        return entries.stream().filter(Files::isDirectory).toList();
    }

    public URL[] urls() {
        return entries.stream().map(ProjectClasspath::toUrl).toArray(URL[]::new);
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a usable classpath entry: " + path, e);
        }
    }

    /** A {@code dir/*} wildcard expands to the jars in {@code dir}, as {@code java -cp} does. */
    private static void expand(Path entry, List<Path> into) {
        if (entry.getFileName() != null && entry.getFileName().toString().equals("*")) {
            jarsIn(entry.getParent(), into);
        } else {
            into.add(entry);
        }
    }

    private static void addIfDirectory(Path dir, List<Path> into) {
        if (Files.isDirectory(dir)) {
            into.add(dir);
        }
    }

    private static void jarsIn(Path dir, List<Path> into) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(into::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
