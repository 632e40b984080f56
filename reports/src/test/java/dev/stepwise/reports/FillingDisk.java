package dev.stepwise.reports;

import dev.stepwise.reports.internal.FileOpener;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A disk with room for a given number of bytes in all, shared by every file opened through it: bytes that fit go to
 * the real file, the first byte that does not goes to {@code /dev/full}, so the write fails with the kernel's own
 * ENOSPC ({@code No space left on device}) after exactly that many bytes. Deleting a file gives no room back. Counts
 * the bytes written, so a first run with unlimited room tells a test how much a report needs.
 */
final class FillingDisk implements FileOpener {
    private static final Path DEV_FULL = Path.of("/dev/full");

    private long room;
    private long written;

    FillingDisk(long room) {
        assertTrue(Files.exists(DEV_FULL), "these tests need /dev/full (Linux) for a real ENOSPC");
        this.room = room;
    }

    static FillingDisk unlimited() {
        return new FillingDisk(Long.MAX_VALUE);
    }

    /** Bytes written so far, to all files. */
    long written() {
        return written;
    }

    @Override
    public OutputStream open(Path file, OpenOption... options) throws IOException {
        OutputStream real = Files.newOutputStream(file, options);
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int fits = (int) Math.min(len, room);
                real.write(b, off, fits);
                room -= fits;
                written += fits;
                if (fits < len) {
                    try (OutputStream full = new FileOutputStream(DEV_FULL.toFile())) {
                        full.write(b, off + fits, len - fits);
                    }
                }
            }

            @Override
            public void flush() throws IOException {
                real.flush();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }
}
