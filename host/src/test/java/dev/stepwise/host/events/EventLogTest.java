package dev.stepwise.host.events;

import com.google.protobuf.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
}
