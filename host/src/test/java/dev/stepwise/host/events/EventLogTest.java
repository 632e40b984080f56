package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.reports.internal.FileOpener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLogTest {
    @TempDir
    Path dir;

    private static List<EventLogReader.Record> readAll(Path file) throws IOException {
        List<EventLogReader.Record> out = new ArrayList<>();
        try (EventLogReader r = EventLogReader.open(file)) {
            EventLogReader.Record rec;
            while ((rec = r.next()) != null) {
                out.add(rec);
            }
        }
        return out;
    }

    @Test
    void roundTripKeepsOrderTypesTimesAndLatestPointsAtIt() throws IOException {
        List<Message> events = FanOutTest.events(3);
        Instant t0 = Instant.parse("2026-01-02T03:04:05.678Z");
        EventLog log = EventLog.create(dir, t0);
        for (int i = 0; i < events.size(); i++) {
            log.accept(events.get(i), t0.plusMillis(i));
        }
        log.close();
        assertEquals(log.file(), EventLog.latest(dir));
        List<EventLogReader.Record> read = readAll(log.file());
        assertEquals(events.size(), read.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i), read.get(i).event());
            assertEquals(t0.plusMillis(i), read.get(i).at());
            assertEquals(EventKind.of(events.get(i)), read.get(i).kind());
        }
    }

    @Test
    void aCrashedRunLeavesAReadablePrefix() throws IOException {
        EventLog log = EventLog.create(dir, Instant.now());
        List<Message> events = FanOutTest.events(3);
        events.forEach(e -> log.accept(e, Instant.now()));
        // No close: the flush timer hands the records to the OS within FLUSH_INTERVAL_MILLIS even though the run
        // has gone quiet. Then cut the last record in half.
        long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (readable(log.file()) < events.size() && System.nanoTime() < giveUp) {
            sleep(EventLog.FLUSH_INTERVAL_MILLIS / 4);
        }
        byte[] bytes = Files.readAllBytes(log.file());
        Path cut = dir.resolve("cut.log");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        try (EventLogReader r = EventLogReader.open(cut)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertEquals(events.size() - 1, n);
            assertTrue(r.truncated().contains("record " + events.size()), r.truncated());
        }
        try (EventLogReader r = EventLogReader.open(log.file())) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertEquals(events.size(), n);
            assertNull(r.truncated());
        }
        log.close();
    }

    @Test
    void notALogIsRefusedWithAHint() throws IOException {
        Path f = dir.resolve("x.log");
        Files.writeString(f, "hello");
        IOException e = assertThrows(IOException.class, () -> EventLogReader.open(f));
        assertTrue(e.getMessage().contains("not a Stepwise event log"), e.getMessage());
    }

    @Test
    void replayFeedsTheRecordedEventsWithTheirTimes() throws IOException {
        EventLog log = EventLog.create(dir, Instant.now());
        List<Message> events = FanOutTest.events(2);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < events.size(); i++) {
            log.accept(events.get(i), t0.plusSeconds(i));
        }
        log.close();
        List<Message> got = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        Replay.Result r = Replay.replay(log.file(), (event, at) -> {
            got.add(event);
            times.add(at);
        });
        assertEquals(events, got);
        assertEquals(t0.plusSeconds(1), times.get(1));
        assertEquals(events.size(), r.events());
    }

    private static int readable(Path log) throws IOException {
        try (EventLogReader r = EventLogReader.open(log)) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            return n;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A disk with room for {@code room} more bytes in all files opened through it: the bytes that fit reach the real
     * file, and the first that does not goes to {@code /dev/full}, so the write fails with the kernel's own ENOSPC.
     */
    private static FileOpener diskWithRoom(long room) {
        assertTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux) for a real ENOSPC");
        long[] left = {room};
        return (file, options) -> {
            OutputStream real = Files.newOutputStream(file, options);
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    int fits = (int) Math.min(len, left[0]);
                    real.write(b, off, fits);
                    left[0] -= fits;
                    if (fits < len) {
                        try (OutputStream full = new FileOutputStream("/dev/full")) {
                            full.write(b, off + fits, len - fits);
                        }
                    }
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        };
    }

    @Test
    void aFullDiskStopsTheLogInsideARecordAndKeepsEveryWholeRecordBeforeIt() throws IOException {
        List<Message> events = FanOutTest.events(6);
        Instant t0 = Instant.parse("2026-01-02T03:04:05.678Z");
        // The bytes each record takes, as the log writes them (records are buffered, so measured in memory).
        EventLog whole = EventLog.create(dir.resolve("whole"), t0);
        long header = Files.size(whole.file());
        whole.close();
        long pointer = Files.size(dir.resolve("whole").resolve(EventLog.LATEST));
        java.io.ByteArrayOutputStream records = new java.io.ByteArrayOutputStream();
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventLog.write(records, events.get(i), t0.plusMillis(i));
            ends.add(header + records.size());
        }

        // Room for the header, the latest pointer, two records and 3 bytes of the third.
        Path full = dir.resolve("full");
        EventLog log = EventLog.create(full, t0, diskWithRoom(pointer + ends.get(1) + 3));
        for (int i = 0; i < events.size(); i++) {
            log.accept(events.get(i), t0.plusMillis(i)); // never throws: the run goes on
        }
        log.close();
        assertEquals("No space left on device", log.failure().getMessage());
        assertEquals(ends.get(1) + 3, Files.size(log.file()), "header, two records, the first 3 bytes of the third");
        assertTrue(header < ends.get(0));
        try (EventLogReader r = EventLogReader.open(log.file())) {
            assertEquals(events.get(0), r.next().event());
            assertEquals(events.get(1), r.next().event());
            assertNull(r.next());
            assertTrue(r.truncated().startsWith("the log ends inside record 3"), r.truncated());
        }
        assertEquals(log.file(), EventLog.latest(full), "latest names this run's (incomplete) log");
    }

    @Test
    void aLogThatCannotBeCreatedOnAFullDiskLeavesNothingHalfMade() throws IOException {
        EventLog older = EventLog.create(dir, Instant.parse("2026-01-01T00:00:00Z"));
        older.close();
        // Room for the new log's header only: its latest pointer cannot be written.
        IOException e = assertThrows(IOException.class, () -> EventLog.create(dir,
                Instant.parse("2026-01-02T00:00:00Z"), diskWithRoom(EventLog.HEADER.length())));
        assertEquals("No space left on device", e.getMessage());
        try (var files = Files.list(dir)) {
            // No new log, no latest.tmp, and no latest naming the older run as if it were the newest.
            assertEquals(List.of(older.file().getFileName().toString()),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
