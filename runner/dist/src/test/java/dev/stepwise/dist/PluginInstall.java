package dev.stepwise.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Installs the built plugin folder into a GAUGE_HOME, with scripts/install-gauge-plugin when bash exists. */
final class PluginInstall {

    private PluginInstall() {
    }

    /** The installed plugin folder: GAUGE_HOME/plugins/stepwise-java/VERSION. */
    static Path installedDir(Path gaugeHome) {
        return gaugeHome.resolve("plugins").resolve("stepwise-java").resolve(ItEnv.pluginVersion());
    }

    /** Installs as a user would; returns the installed folder. */
    static Path install(Path gaugeHome) throws IOException, InterruptedException {
        if (!ItEnv.isWindows() && Files.isExecutable(Path.of("/bin/bash"))) {
            return installWithScript(gaugeHome);
        }
        return installLikeScript(gaugeHome);
    }

    /** Runs scripts/install-gauge-plugin --no-build GAUGE_HOME (the dist was just packaged). */
    static Path installWithScript(Path gaugeHome) throws IOException, InterruptedException {
        Path script = ItEnv.repoRoot().resolve("scripts/install-gauge-plugin");
        Path log = Files.createTempFile(gaugeHome.getParent(), "install", ".log");
        Process p = new ProcessBuilder("/bin/bash", script.toString(), "--no-build", gaugeHome.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("install-gauge-plugin did not finish in 120 s; output:\n" + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("install-gauge-plugin exited " + p.exitValue() + "; output:\n" + Files.readString(log));
        }
        return installedDir(gaugeHome);
    }

    /** The script's steps in Java (for machines without bash): copy to a temp folder, then rename. */
    static Path installLikeScript(Path gaugeHome) throws IOException {
        Path target = installedDir(gaugeHome);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), ".install-");
        copyTree(ItEnv.pluginDir(), tmp);
        if (Files.exists(target)) {
            Path old = Files.createTempDirectory(target.getParent(), ".old-");
            Files.delete(old);
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } else {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Path launcher = to.resolve("bin/stepwise-runner");
        if (!ItEnv.isWindows() && Files.exists(launcher)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(launcher);
            perms.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(launcher, perms);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
