package dev.stepwise.host.events;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import dev.stepwise.reports.internal.FileOpener;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The append-only event log of one run ({@code docs/event-log.md}): a header line, then per event a one-byte
 * {@link EventKind} tag, the time as a varint of epoch milliseconds, and the request as a length-delimited
 * protobuf ({@code writeDelimitedTo}). Each record is flushed to the OS as it is written, so a run that crashes
 * leaves a readable prefix. A write failure is reported once and stops the log; it never stops the run.
 */
public final class EventLog implements EventSink {
    /** First bytes of every log. */
    public static final String HEADER = "stepwise-events/1\n";
    /** The file in the events folder that names the newest log. */
    public static final String LATEST = "latest";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private OutputStream out;
    private IOException failure;

    private EventLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates {@code <dir>/<timestamp>.log} and points {@code <dir>/latest} at it. When that fails part-way (a full
     * disk), nothing half-made is left: not the new log, not {@code latest.tmp}, and not a {@code latest} that would
     * go on naming an older run's log as the newest one (the caller warns that this run has no event log).
     */
    public static EventLog create(Path dir, Instant now) throws IOException {
        return create(dir, now, FileOpener.FILE_SYSTEM);
    }

    /** As {@link #create(Path, Instant)}, writing through {@code opener} (fault tests: a disk that fills up). */
    static EventLog create(Path dir, Instant now, FileOpener opener) throws IOException {
        Files.createDirectories(dir);
        String base = NAME.format(now);
        Path file = dir.resolve(base + ".log");
        for (int i = 1; Files.exists(file); i++) {
            file = dir.resolve(base + "-" + i + ".log");
        }
        Path latest = dir.resolve(LATEST);
        Path tmp = dir.resolve(LATEST + ".tmp");
        OutputStream out = null;
        try {
            out = new BufferedOutputStream(opener.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    1 << 16);
            out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (OutputStream pointer = opener.open(tmp)) {
                pointer.write((file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new EventLog(file, out);
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                closeQuietly(out, e);
                // Only a file this call created (CREATE_NEW succeeded) is deleted.
                deleteQuietly(file, e);
            }
            deleteQuietly(tmp, e);
            deleteQuietly(latest, e);
            throw e;
        }
    }

    private static void closeQuietly(OutputStream out, Exception failure) {
        try {
            out.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path path, Exception failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@code <dir>/latest} resolved to the log it names. */
    public static Path latest(Path dir) throws IOException {
        String name = Files.readString(dir.resolve(LATEST), StandardCharsets.UTF_8).strip();
        return dir.resolve(name);
    }

    public Path file() {
        return file;
    }

    /** The first write error, if the log stopped. */
    public IOException failure() {
        return failure;
    }

    @Override
    public synchronized void accept(Message event, Instant at) {
        if (out == null) {
            return;
        }
        try {
            write(out, event, at);
            out.flush();
        } catch (IOException e) {
            failure = e;
            closeQuietly();
        }
    }

    /** One record; public for tests that write logs by hand. */
    public static void write(OutputStream out, Message event, Instant at) throws IOException {
        out.write(EventKind.of(event).tag());
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 16);
        coded.writeUInt64NoTag(at.toEpochMilli());
        coded.flush();
        event.writeDelimitedTo(out);
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            out = null;
        }
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the first failure is kept
        }
        out = null;
    }

    /** For messages: "reports/events/20260101-120000-000.log". */
    @Override
    public String toString() {
        return file.toString();
    }
}
