package dev.stepwise.reports.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * A report file that only appears once complete: everything goes to a hidden temp file beside the target,
 * and {@link #commit()} renames it into place atomically. {@link #abandon()} deletes the temp file.
 *
 * <p>A write that fails part-way (a full disk) throws an {@link IOException} that names the report and its final
 * path, not only the temp file's reason ({@code No space left on device}).
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
        return open(target, what, FileOpener.FILE_SYSTEM);
    }

    /** As {@link #open(Path, String)}, writing through {@code opener}. */
    public static ReportFile open(Path target, String what, FileOpener opener) throws IOException {
        return open(target, target, what, opener);
    }

    /**
     * As {@link #open(Path, String, FileOpener)}, for a file written in a staging folder: errors name
     * {@code shownAs}, where the user will find the file once the staging folder is swapped in.
     */
    public static ReportFile open(Path target, Path shownAs, String what, FileOpener opener) throws IOException {
        Objects.requireNonNull(target, "target");
        Path dir = target.toAbsolutePath().getParent();
        Path temp = tempFor(dir, target.getFileName().toString(), what);
        return new ReportFile(target, temp, openTemp(temp, shownAs, what, opener));
    }

    /**
     * A buffered UTF-8 writer to {@code temp}, a temp file made by {@link #tempFor} for the report {@code target}:
     * every failure to open, write, flush or close it names {@code what} and {@code target}. When it cannot be
     * opened, {@code temp} is deleted.
     */
    public static Writer openTemp(Path temp, Path target, String what, FileOpener opener) throws IOException {
        OutputStream raw;
        try {
            raw = opener.open(temp);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw cannotWrite(what, target, e);
        }
        return new UnsharedBufferedWriter(
                new OutputStreamWriter(new NamingFailures(raw, what, target), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * A hidden temp file in {@code dir} (created when missing), for data assembled later; its name carries this
     * process's id ({@link Leftovers}).
     */
    public static Path tempFor(Path dir, String name, String what) throws IOException {
        ensureFolder(dir, name, what);
        try {
            return Files.createTempFile(dir, Leftovers.prefix(name), ".tmp");
        } catch (IOException | SecurityException e) {
            throw cannotWrite(what, dir.resolve(name), e);
        }
    }

    /**
     * Creates {@code dir} when missing and checks that it can be written, so that a report learns at once that its
     * folder is unusable; the error names {@code dir.resolve(name)}.
     */
    public static void ensureFolder(Path dir, String name, String what) throws IOException {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new AccessDeniedException(dir.toString(), null, "the folder is not writable");
            }
        } catch (IOException | SecurityException e) {
            throw cannotWrite(what, dir.resolve(name), e);
        }
    }

    /** The error for a report that could not be written: what, where, why and what to do; {@code cause} kept. */
    public static IOException cannotWrite(String what, Path path, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        String todo = isDiskFull(cause) ? "the disk is full: free space on it"
                : "check that the folder exists or can be created and is writable";
        return new IOException("cannot write the " + what + " to " + path.toAbsolutePath() + " (" + reason + "); "
                + todo, cause);
    }

    /** Whether {@code failure} (or a cause of it) is the OS's ENOSPC, {@code No space left on device}. */
    public static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
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

    /**
     * Passes bytes through; a failure to write, flush or close is rethrown naming the report it belongs to. After a
     * failed write the file is closed at once: the writers above do not always close what failed (an
     * {@code OutputStreamWriter} whose last write fails skips closing its stream), and on a full disk a deleted temp
     * file still held open keeps its space.
     */
    private static final class NamingFailures extends FilterOutputStream {
        private final String what;
        private final Path target;
        private boolean closed;

        NamingFailures(OutputStream out, String what, Path target) {
            super(out);
            this.what = what;
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            try {
                out.flush();
            } catch (IOException e) {
                throw failed(e);
            }
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw cannotWrite(what, target, e);
            }
        }

        private IOException failed(IOException e) {
            if (!closed) {
                closed = true;
                try {
                    out.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            return cannotWrite(what, target, e);
        }
    }
}
