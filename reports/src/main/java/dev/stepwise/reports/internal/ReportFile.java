package dev.stepwise.reports.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A report file that only appears once complete: everything goes to a hidden temp file beside the target,
 * and {@link #commit()} renames it into place atomically. {@link #abandon()} deletes the temp file.
 */
public final class ReportFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Writer writer;
    private boolean done;

    private ReportFile(Path target, Path temp, Writer writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    /** Creates the folder when needed and opens the temp file; the error names the path and the reason. */
    public static ReportFile open(Path target, String what) throws IOException {
        Objects.requireNonNull(target, "target");
        Path dir = target.toAbsolutePath().getParent();
        Path temp = tempFor(dir, target.getFileName().toString(), what);
        try {
            return new ReportFile(target, temp, new BufferedWriter(
                    new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException e) {
            throw cannotWrite(what, target, e);
        }
    }

    /** A hidden temp file in {@code dir} (created when missing), for data assembled later. */
    public static Path tempFor(Path dir, String name, String what) throws IOException {
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "." + name + ".", ".tmp");
        } catch (IOException | SecurityException e) {
            throw cannotWrite(what, dir.resolve(name), e);
        }
    }

    public static IOException cannotWrite(String what, Path path, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new IOException("cannot write the " + what + " to " + path.toAbsolutePath()
                + " (" + reason + "); check that the folder exists or can be created and is writable", cause);
    }

    public Writer writer() {
        return writer;
    }

    public Path target() {
        return target;
    }

    /** Closes the temp file and moves it onto the target in one step. */
    public void commit() throws IOException {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
            moveAtomically(temp, target);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Discards the temp file; the target is left as it was. */
    public void abandon() {
        if (done) {
            return;
        }
        done = true;
        try {
            writer.close();
        } catch (IOException ignored) {
            // the file is deleted anyway
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing better to do: it is a hidden temp file
        }
    }

    /** Same as {@link #abandon()} unless committed. */
    @Override
    public void close() {
        abandon();
    }
}
