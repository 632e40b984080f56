package dev.stepwise.reports.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text assembled now and copied into a report later: kept in memory up to a limit, then moved to a hidden temp
 * file, so a huge part never stays in memory. Most parts stay small and never touch the disk: a temp file written and
 * deleted seconds later costs an {@code unlink} that, where the file system trims freed blocks synchronously, waits
 * on the device (measured: ~2 ms each for the JUnit report's per-spec files). One thread only.
 */
public final class SpillingText extends Writer {
    private final int limit;
    private final Path dir;
    private final String name;
    private final Path shownAs;
    private final String what;
    private final FileOpener opener;
    private final StringBuilder memory = new StringBuilder();
    private final Writer inMemory = new MemoryWriter();
    private Path spillFile;
    private Writer spill;
    private boolean closed;

    /**
     * @param limit   characters kept in memory before the text moves to a temp file
     * @param dir     where the temp file goes
     * @param name    the report file's name (the temp file's is derived from it)
     * @param shownAs the report's final path, for error messages
     * @param what    the report, for error messages ("JUnit XML report")
     * @param opener  how files are opened (tests: a disk that fills up)
     */
    public SpillingText(int limit, Path dir, String name, Path shownAs, String what, FileOpener opener) {
        this.limit = limit;
        this.dir = dir;
        this.name = name;
        this.shownAs = shownAs;
        this.what = what;
        this.opener = opener;
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        target(len).write(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        target(len).write(s, off, len);
    }

    @Override
    public void write(int c) throws IOException {
        target(1).write(c);
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    /** Where the next {@code len} characters go; moves the text to a temp file when memory would pass the limit. */
    private Writer target(int len) throws IOException {
        if (closed) {
            throw new IOException("the " + what + "'s text is already closed");
        }
        if (spill == null && memory.length() + len > limit) {
            spillFile = ReportFile.tempFor(dir, name, what);
            spill = ReportFile.openTemp(spillFile, shownAs, what, opener);
            spill.append(memory);
            memory.setLength(0);
            memory.trimToSize();
        }
        return spill != null ? spill : inMemory;
    }

    /** Whether the text went to a temp file (tests). */
    boolean spilled() {
        return spillFile != null;
    }

    /** Copies the whole text to {@code out}; call after {@link #close}. */
    public void copyTo(Writer out) throws IOException {
        if (spillFile == null) {
            out.append(memory);
            return;
        }
        try (Reader r = Files.newBufferedReader(spillFile, StandardCharsets.UTF_8)) {
            r.transferTo(out);
        }
    }

    @Override
    public void flush() throws IOException {
        if (spill != null) {
            spill.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (spill != null) {
                spill.close();
            }
        }
    }

    /** Closes it and deletes the temp file, if any. Best effort. */
    public void discard() {
        try {
            close();
        } catch (IOException ignored) {
            // deleted below
        }
        if (spillFile != null) {
            try {
                Files.deleteIfExists(spillFile);
            } catch (IOException ignored) {
                // a hidden temp file; nothing better to do
            }
        }
    }

    /** Appends to the in-memory text: a view, so that {@link #target} returns one type. */
    private final class MemoryWriter extends Writer {
        @Override
        public void write(char[] chars, int off, int len) {
            memory.append(chars, off, len);
        }

        @Override
        public void write(String s, int off, int len) {
            memory.append(s, off, off + len);
        }

        @Override
        public void write(int c) {
            memory.append((char) c);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
