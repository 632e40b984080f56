package dev.stepwise.host.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Runs the CLI in this JVM, as the end-to-end tests do, against the runner built in this repository. */
final class CliRuns {

    private CliRuns() {
    }

    /** What one CLI command did: its exit status and everything it printed (stdout, then stderr). */
    record Run(int exit, String out) {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    /** The repository root (failsafe passes {@code stepwise.repo}). */
    static Path repo() {
        return Path.of(System.getProperty("stepwise.repo", "..")).toAbsolutePath().normalize();
    }

    /**
     * This process's environment with the runner plugin folder built in {@code repo}, after checking that it
     * and sample-project were built.
     */
    static Map<String, String> envWithBuiltRunner(Path repo) {
        Path dist = repo.resolve("runner/dist/target/stepwise-java");
        assertTrue(Files.isRegularFile(dist.resolve("stepwise-java.json")),
                "build runner/dist first (mvn install -pl runner/dist -am): " + dist);
        assertTrue(Files.isDirectory(repo.resolve("sample-project/target/dependency")),
                "build sample-project first (mvn package -pl sample-project)");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("STEPWISE_RUNNER_DIR", dist.toString());
        return env;
    }

    /**
     * Copies the folder {@code from} to {@code to}, file attributes kept (plugin launch scripts stay executable),
     * leaving out every path, relative to {@code from}, that {@code skip} accepts (and what lies below it).
     */
    static void copyTree(Path from, Path to, Predicate<Path> skip) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (skip.test(rel)) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
