package dev.stepwise.runner.source;

import com.github.javaparser.JavaParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The project's steps as its Java sources declare them, so editor features work before and without
 * a build. Built lazily on first use, then kept up to date file by file: an editor's unsaved buffer
 * replaces the file's content until the editor closes it.
 */
public final class SourceIndex {

    private final List<Path> roots;
    private final Map<Path, FileSteps> files = new ConcurrentHashMap<>();
    /** Unsaved editor buffers, which win over the file system. */
    private final Map<Path, String> buffers = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public SourceIndex(List<Path> roots) {
        this.roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** The Java source folders of a project: Maven's, else {@code src}. */
    public static List<Path> sourceRoots(Path projectRoot) {
        List<Path> roots = new ArrayList<>();
        for (String candidate : List.of("src/main/java", "src/test/java")) {
            Path dir = projectRoot.resolve(candidate);
            if (Files.isDirectory(dir)) {
                roots.add(dir);
            }
        }
        if (roots.isEmpty()) {
            roots.add(projectRoot.resolve("src"));
        }
        return roots;
    }

    public List<Path> roots() {
        return roots;
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            JavaParser parser = JavaSources.parser();
            for (Path file : javaFilesOnDisk()) {
                files.put(file, index(file, read(file), parser));
            }
            loaded = true;
        }
    }

    /** Every {@code .java} file under the source roots, on disk. */
    public List<Path> javaFilesOnDisk() {
        List<Path> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list Java sources under " + root, e);
            }
        }
        return found;
    }

    /** The implementation files: on disk or open in the editor. */
    public List<Path> files() {
        ensureLoaded();
        Set<Path> all = new LinkedHashSet<>(files.keySet());
        return all.stream().sorted().toList();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (MalformedInputException e) {
            try {
                return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            } catch (IOException again) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileSteps index(Path file, Optional<String> text, JavaParser parser) {
        if (text.isEmpty()) {
            return FileSteps.unparsable(file, "cannot read " + file);
        }
        try {
            return JavaSources.stepsOf(file, JavaSources.parse(file, text.get(), parser));
        } catch (SourceSyntaxException e) {
            return FileSteps.unparsable(file, e.getMessage());
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The editor opened or changed {@code file}: its text replaces what is on disk. */
    public void edited(Path file, String text) {
        ensureLoaded();
        Path key = key(file);
        buffers.put(key, text);
        files.put(key, index(key, Optional.of(text), JavaSources.parser()));
    }

    /** The editor closed {@code file}, or it changed on disk: back to the file system. */
    public void reloadFromDisk(Path file) {
        ensureLoaded();
        Path key = key(file);
        buffers.remove(key);
        if (Files.isRegularFile(key)) {
            files.put(key, index(key, read(key), JavaSources.parser()));
        } else {
            files.remove(key);
        }
    }

    /** The file was deleted. */
    public void deleted(Path file) {
        ensureLoaded();
        Path key = key(file);
        buffers.remove(key);
        files.remove(key);
    }

    /** The current text of a file: the editor's buffer if open, else the disk. */
    public Optional<String> text(Path file) {
        Path key = key(file);
        String buffer = buffers.get(key);
        return buffer != null ? Optional.of(buffer) : read(key);
    }

    /** What a file declares; parses it on demand if it is not indexed yet. */
    public FileSteps fileSteps(Path file) {
        ensureLoaded();
        Path key = key(file);
        FileSteps known = files.get(key);
        return known != null ? known : index(key, text(key), JavaSources.parser());
    }

    /** Every source step whose texts include this {@code {}} key. */
    public List<SourceStep> find(String key) {
        ensureLoaded();
        String trimmed = key.trim();
        List<SourceStep> found = new ArrayList<>();
        for (FileSteps file : files.values()) {
            for (SourceStep step : file.steps()) {
                if (step.texts().stream().anyMatch(t -> t.key().equals(trimmed))) {
                    found.add(step);
                }
            }
        }
        found.sort(java.util.Comparator.comparing((SourceStep s) -> s.file()).thenComparing(s -> s.span().startLine()));
        return found;
    }

    /** Each step text once. */
    public List<String> stepTexts() {
        ensureLoaded();
        Set<String> texts = new LinkedHashSet<>();
        files.keySet().stream().sorted().forEach(file ->
                files.get(file).steps().forEach(s -> s.texts().forEach(t -> texts.add(t.text()))));
        return List.copyOf(texts);
    }
}
