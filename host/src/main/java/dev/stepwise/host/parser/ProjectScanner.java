package dev.stepwise.host.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds a project's spec and concept files and parses them: concepts first, then specs, in sorted path order.
 * {@link #specs(ConceptRegistry)} is lazy, so a caller can process one spec at a time without holding all of them.
 */
public final class ProjectScanner {

    /** Directory names Gauge never collects files from. */
    private static final Set<String> IGNORED_DIRS = Set.of("gauge_bin", "reports", "logs", "env");

    private final Path root;
    private final ParserSettings settings;

    public ProjectScanner(Path projectRoot, ParserSettings settings) {
        this.root = projectRoot.toAbsolutePath().normalize();
        this.settings = settings;
    }

    /** Spec files under the spec dirs (entries may also be single files), sorted and without duplicates. */
    public List<Path> specFiles() {
        TreeSet<Path> out = new TreeSet<>();
        for (String dir : settings.specDirs()) {
            Path p = root.resolve(dir).normalize();
            if (Files.isRegularFile(p)) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                walk(p, this::isSpecFile, out);
            }
        }
        return List.copyOf(out);
    }

    /** {@code .cpt} files under gauge_concepts_dir if set, else under the project root and the spec dirs. */
    public List<Path> conceptFiles() {
        TreeSet<Path> out = new TreeSet<>();
        if (!settings.conceptsDir().isEmpty()) {
            for (String dir : settings.conceptsDir().split(",")) {
                Path p = root.resolve(dir.strip()).normalize();
                if (Files.isDirectory(p)) {
                    walk(p, f -> f.getFileName().toString().endsWith(".cpt"), out);
                }
            }
        } else {
            walk(root, f -> f.getFileName().toString().endsWith(".cpt"), out);
            for (String dir : settings.specDirs()) {
                Path p = root.resolve(dir).normalize();
                if (Files.isDirectory(p) && !p.startsWith(root)) {
                    walk(p, f -> f.getFileName().toString().endsWith(".cpt"), out);
                }
            }
        }
        return List.copyOf(out);
    }

    public ConceptRegistry parseConcepts() {
        return new ConceptParser(root, settings).parseFiles(conceptFiles());
    }

    /** Lazily parses each spec file in sorted order. */
    public Stream<ParsedSpec> specs(ConceptRegistry concepts) {
        SpecParser parser = new SpecParser(root, settings, concepts);
        return specFiles().stream().map(parser::parse);
    }

    /** Parses everything into memory; fine for tools, the host should prefer {@link #specs(ConceptRegistry)}. */
    public ParseResult parseAll() {
        ConceptRegistry concepts = parseConcepts();
        List<Spec> specs = new ArrayList<>();
        List<Diagnostic> diags = new ArrayList<>(concepts.diagnostics());
        specs(concepts).forEach(p -> {
            specs.add(p.spec());
            diags.addAll(p.diagnostics());
        });
        return new ParseResult(specs, concepts.concepts(), diags);
    }

    private boolean isSpecFile(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : settings.specExtensions()) {
            if (name.endsWith(ext.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private boolean isExcluded(Path dir) {
        if (IGNORED_DIRS.contains(dir.getFileName() == null ? "" : dir.getFileName().toString())
                && !dir.equals(root)) {
            return true;
        }
        for (String ex : settings.excludeDirs()) {
            if (dir.equals(root.resolve(ex).normalize())) {
                return true;
            }
        }
        return false;
    }

    private void walk(Path start, java.util.function.Predicate<Path> accept, Set<Path> out) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return isExcluded(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && accept.test(file)) {
                        out.add(file.normalize());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list files under " + start, e);
        }
    }
}
