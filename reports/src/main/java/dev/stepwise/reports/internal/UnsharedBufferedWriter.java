package dev.stepwise.reports.internal;

import java.io.IOException;
import java.io.Writer;

/**
 * A buffered writer for one thread. {@link java.io.BufferedWriter} takes a lock on every call, and a report is
 * written in many small calls (a JSON token, an XML attribute); a reporter writes from its own event thread only, so
 * the lock is pure cost. Not thread-safe.
 */
final class UnsharedBufferedWriter extends Writer {
    private final Writer out;
    private final char[] buffer;
    private int used;
    private boolean closed;

    UnsharedBufferedWriter(Writer out, int size) {
        this.out = out;
        this.buffer = new char[size];
    }

    @Override
    public void write(int c) throws IOException {
        ensureOpen();
        if (used == buffer.length) {
            flushBuffer();
        }
        buffer[used++] = (char) c;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (used == buffer.length) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.length - used);
            s.getChars(off, off + n, buffer, used);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(String s) throws IOException {
        write(s, 0, s.length());
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        ensureOpen();
        if (len >= buffer.length) {
            // Larger than the buffer: no point copying it through.
            flushBuffer();
            out.write(chars, off, len);
            return;
        }
        if (len > buffer.length - used) {
            flushBuffer();
        }
        System.arraycopy(chars, off, buffer, used, len);
        used += len;
    }

    @Override
    public Writer append(CharSequence csq) throws IOException {
        write(String.valueOf(csq));
        return this;
    }

    @Override
    public Writer append(char c) throws IOException {
        write(c);
        return this;
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushBuffer();
        } finally {
            closed = true;
            out.close();
        }
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            int n = used;
            used = 0; // a failed write must not be retried with the same chars on close
            out.write(buffer, 0, n);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the report file is already closed");
        }
    }
}
