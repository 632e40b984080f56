package dev.stepwise.host.parser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves {@code file:} / {@code table:} paths the way Gauge does: absolute, else project root + gauge_data_dir. */
final class ProjectFiles {

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

    Path resolve(String path) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        if (!settings.dataDir().isEmpty() && !settings.dataDir().equals(".")) {
            return root.resolve(settings.dataDir()).resolve(path).normalize();
        }
        return root.resolve(path).normalize();
    }

    Optional<String> read(String path) {
        Path p = resolve(path);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where a relative path would be looked for, for messages. */
    String describe(String path) {
        return resolve(path).toString();
    }
}
