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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The append-only event log of one run ({@code docs/event-log.md}): a header line, then per event a one-byte
 * {@link EventKind} tag, the time as a varint of epoch milliseconds, and the request as a length-delimited
 * protobuf ({@code writeDelimitedTo}). Records are buffered and handed to the OS at least every
 * {@link #FLUSH_INTERVAL_MILLIS} ms (by the writer, or by a timer when the run is quiet), so a host that crashes
 * leaves a readable prefix missing at most the last fraction of a second. Flushing every record cost one write
 * call per event, over a minute of system time in a 100,000-scenario run. A write failure is reported once and
 * stops the log; it never stops the run.
 *
 * <p>While the run goes, a marker {@code <log>.running} beside the log names the writing process (pid and start
 * time), so that another run's {@link EventLogRotation rotation} never deletes a log that is still being written;
 * {@link #close()} removes it. A marker whose process is gone (a crashed run) does not protect its log.
 */
public final class EventLog implements EventSink {
    /** First bytes of every log. */
    public static final String HEADER = "stepwise-events/1\n";
    /** The file in the events folder that names the newest log. */
    public static final String LATEST = "latest";
    /** Appended to a log's file name for its in-progress marker. */
    public static final String RUNNING_SUFFIX = ".running";
    /** The longest a written record stays in the buffer. */
    public static final long FLUSH_INTERVAL_MILLIS = 200;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path file;
    private final ScheduledExecutorService flusher;
    private OutputStream out;
    private IOException failure;
    private long lastFlush = System.nanoTime();
    private boolean dirty;

    private EventLog(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stepwise-event-log-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushIfDirty, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private synchronized void flushIfDirty() {
        if (out != null && dirty) {
            flush();
        }
    }

    private void flush() {
        try {
            out.flush();
            dirty = false;
            lastFlush = System.nanoTime();
        } catch (IOException e) {
            failure = e;
            closeQuietly();
        }
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
            writeRunningMarker(file);
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
                deleteQuietly(runningMarker(file), e);
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

    private static Path runningMarker(Path log) {
        return log.resolveSibling(log.getFileName() + RUNNING_SUFFIX);
    }

    /** "pid startMillis" of this process; without the marker the log is only unprotected, so failures are ignored. */
    private static void writeRunningMarker(Path log) {
        ProcessHandle self = ProcessHandle.current();
        String start = self.info().startInstant().map(i -> String.valueOf(i.toEpochMilli())).orElse("");
        try {
            Files.writeString(runningMarker(log), self.pid() + " " + start + "\n", StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            // rotation by a concurrent run is the only thing the marker guards against
        }
    }

    /**
     * True while the process that created {@code log} is alive and has not closed it: its marker names a running
     * process with the same start time (so a recycled pid does not count).
     */
    public static boolean inProgress(Path log) {
        String[] marker;
        try {
            marker = Files.readString(runningMarker(log), StandardCharsets.UTF_8).strip().split(" ");
        } catch (IOException e) {
            return false;
        }
        try {
            Optional<ProcessHandle> writer = ProcessHandle.of(Long.parseLong(marker[0]));
            if (writer.isEmpty() || !writer.get().isAlive()) {
                return false;
            }
            Optional<Instant> started = writer.get().info().startInstant();
            return marker.length < 2 || started.isEmpty()
                    || started.get().toEpochMilli() == Long.parseLong(marker[1]);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Deletes {@code log} and its in-progress marker, if any. */
    static void delete(Path log) throws IOException {
        Files.deleteIfExists(log);
        Files.deleteIfExists(runningMarker(log));
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
            dirty = true;
        } catch (IOException e) {
            failure = e;
            closeQuietly();
            return;
        }
        if (System.nanoTime() - lastFlush >= TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS)) {
            flush();
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
        flusher.shutdownNow();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            out = null;
        }
        try {
            Files.deleteIfExists(runningMarker(file));
        } catch (IOException ignored) {
            // a leftover marker names a process that will be gone: it protects nothing then
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
