package dev.stepwise.plugins.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the consumer scripts in {@code plugins/js} with {@code node}; their npm packages come from scripts/test. */
public final class Node {
    private Node() {
    }

    /** The js folder (system property {@code stepwise.jsDir}), checked to hold the installed packages. */
    public static Path jsDir() {
        Path dir = Path.of(System.getProperty("stepwise.jsDir", "../js")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("node_modules/@cucumber/messages"))) {
            throw new IllegalStateException("npm packages missing in " + dir
                    + "/node_modules: run scripts/test (or `npm ci` in " + dir + ")");
        }
        return dir;
    }

    /** The result of one script run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code node <script> args...} in the js folder, bounded to two minutes. */
    public static Result run(String script, String... args) throws IOException, InterruptedException {
        Path dir = jsDir();
        List<String> cmd = new ArrayList<>(List.of("node", dir.resolve(script).toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish in 120 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
