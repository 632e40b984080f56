package dev.stepwise.reports.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A report made of several files (JUnit XML: one file per spec) that replaces the previous run's folder as a
 * whole: the files are written into a hidden staging folder beside the target, and {@link #commit()} swaps it in
 * with two renames (the old folder out of the way, the new one into place), then deletes the old one. A reader never
 * sees a mix of two runs or a half-written file; between the two renames the folder is briefly absent (Java has no
 * atomic exchange of two folders).
 */
public final class FolderReplacement {
    /** Another run may swap the same folder at the same moment; each attempt retries a few times. */
    private static final int ATTEMPTS = 5;

    private final Path target;
    private final String what;
    private Path staging;

    /**
     * @param target the folder to replace, e.g. {@code reports/xml-report}
     * @param what   the report, for messages ("JUnit XML report")
     */
    public FolderReplacement(Path target, String what) {
        this.target = Objects.requireNonNull(target, "target").toAbsolutePath().normalize();
        this.what = Objects.requireNonNull(what, "what");
    }

    public Path target() {
        return target;
    }

    /** The staging folder, created on first use; the error names the target folder and the reason. */
    public Path staging() throws IOException {
        if (staging == null) {
            try {
                Files.createDirectories(target.getParent());
                // What a killed run left (its staging folder, or the previous report it was swapping out) goes.
                Leftovers.sweep(target.getParent(), target.getFileName().toString());
                staging = Files.createTempDirectory(target.getParent(), Leftovers.prefix(target.getFileName().toString()));
            } catch (IOException | SecurityException e) {
                throw ReportFile.cannotWrite(what, target, e);
            }
        }
        return staging;
    }

    /** Swaps the staging folder in for the target (nothing happens if nothing was staged). */
    public void commit() throws IOException {
        if (staging == null) {
            return;
        }
        Path ready = staging;
        staging = null;
        try {
            swapIn(ready);
        } catch (IOException e) {
            deleteTree(ready);
            throw new IOException("cannot replace " + target + " with this run's " + what + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the previous report, if any, is left",
                    e);
        }
    }

    /** Deletes what was staged; the target is left as it was. */
    public void abandon() {
        if (staging != null) {
            deleteTree(staging);
            staging = null;
        }
    }

    private void swapIn(Path ready) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                swapOnce(ready);
                return;
            } catch (NoSuchFileException | DirectoryNotEmptyException e) {
                // Another run moved the folder away or put its own in place between our steps: try again.
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void swapOnce(Path ready) throws IOException {
        Path holder = null;
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(target)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "a file that is not a folder is in the way");
            }
            // Moved into a fresh, hidden folder of its own, so the name cannot clash with anything.
            holder = Files.createTempDirectory(target.getParent(),
                    Leftovers.prefix(target.getFileName().toString()) + "old-");
            old = holder.resolve(target.getFileName().toString());
            try {
                move(target, old);
            } catch (IOException e) {
                deleteTree(holder);
                throw e;
            }
        }
        boolean swapped = false;
        try {
            move(ready, target);
            swapped = true;
        } finally {
            if (holder != null && (swapped || putBack(old))) {
                deleteTree(holder);
            }
        }
    }

    /** After a failed swap: the previous report goes back where it was. False if it could not (it stays hidden). */
    private boolean putBack(Path old) {
        try {
            move(old, target);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder and what it holds; symbolic links are deleted, never followed. Best effort. */
    public static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a hidden leftover at worst; it never carries a report's name
        }
    }
}
