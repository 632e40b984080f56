package dev.stepwise.host.events;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.ProjectConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which event logs a run deletes ({@code stepwise_keep_event_logs}) and which it must never delete. */
class EventLogRotationTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    @TempDir
    Path dir;

    /** A finished run's log, {@code minutes} after T0. */
    private Path finishedLog(int minutes) throws IOException {
        EventLog log = EventLog.create(dir, T0.plusSeconds(60L * minutes));
        log.close();
        return log.file();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> names(List<Path> paths) {
        return paths.stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    @Test
    void keepsTheNewestRunsLogsByTheTimeInTheirNameAndDeletesTheRest() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (int m : new int[] {3, 0, 2, 1}) {
            logs.add(finishedLog(m));
        }
        // Two runs in the same millisecond: the second log's "-1" makes it the newer one.
        Path sameMilli = finishedLog(3);
        assertEquals("20260102-030705-678-1.log", sameMilli.getFileName().toString());
        Files.writeString(dir.resolve(EventLog.LATEST), sameMilli.getFileName() + "\n");

        EventLogRotation.Result r = EventLogRotation.rotate(dir, 2, List.of());

        assertEquals(List.of("20260102-030405-678.log", "20260102-030505-678.log", "20260102-030605-678.log"),
                names(r.deleted()));
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("20260102-030705-678-1.log", "20260102-030705-678.log", "latest"), names());
    }

    @Test
    void neverDeletesTheLatestTheProtectedOrALogStillBeingWritten() throws IOException {
        Path pointedAtByLatest = finishedLog(0);
        Path readByThisRun = finishedLog(1);
        EventLog concurrentRun = EventLog.create(dir, T0.plusSeconds(120)); // not closed: still being written
        Path newest = finishedLog(3);
        Files.writeString(dir.resolve(EventLog.LATEST), pointedAtByLatest.getFileName() + "\n");
        assertTrue(EventLog.inProgress(concurrentRun.file()));

        EventLogRotation.Result r = EventLogRotation.rotate(dir, 1, Set.of(readByThisRun));

        assertEquals(List.of(), r.deleted());
        assertTrue(Files.exists(pointedAtByLatest) && Files.exists(readByThisRun) && Files.exists(newest));
        assertTrue(Files.exists(concurrentRun.file()));

        concurrentRun.close();
        assertFalse(EventLog.inProgress(concurrentRun.file()), "closing the log removes its marker");
        assertEquals(List.of(concurrentRun.file().getFileName().toString()),
                names(EventLogRotation.rotate(dir, 1, Set.of(readByThisRun)).deleted()));
    }

    @Test
    void aCrashedRunsMarkerDoesNotProtectItsLogAndGoesWithIt() throws IOException {
        Path crashed = finishedLog(0);
        Path marker = dir.resolve(crashed.getFileName() + EventLog.RUNNING_SUFFIX);
        Process gone = new ProcessBuilder("true").start();
        try {
            gone.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.writeString(marker, gone.pid() + " 0\n", StandardCharsets.UTF_8);
        assertFalse(EventLog.inProgress(crashed), "its process is gone");
        // A live pid with another start time is a recycled pid, not the writer.
        Files.writeString(marker, ProcessHandle.current().pid() + " 12345\n", StandardCharsets.UTF_8);
        assertFalse(EventLog.inProgress(crashed), "a recycled pid");
        finishedLog(1);

        assertEquals(List.of(crashed.getFileName().toString()), names(EventLogRotation.rotate(dir, 1, List.of())
                .deleted()));
        assertFalse(Files.exists(marker));
    }

    @Test
    void filesNotNamedAsRunLogsAreNeverTouchedAndZeroKeepsEveryLog() throws IOException {
        finishedLog(0);
        finishedLog(1);
        Files.writeString(dir.resolve("merged.log"), "x");
        Files.writeString(dir.resolve("20260101-000000-000.log.bak"), "x");
        Files.writeString(dir.resolve("notes.txt"), "x");
        List<String> before = names();

        assertEquals(List.of(), EventLogRotation.rotate(dir, 0, List.of()).deleted(), "0 keeps every log");
        assertEquals(before, names());
        assertEquals(1, EventLogRotation.rotate(dir, 1, List.of()).deleted().size());
        assertTrue(names().containsAll(List.of("merged.log", "20260101-000000-000.log.bak", "notes.txt")));
    }

    @Test
    void theSettingIsAWholeNumberAndABadValueNamesWhereItWasSet() throws IOException {
        assertEquals(EventLogRotation.DEFAULT_KEEP, EventLogRotation.keep(Map.of(), null));
        assertEquals(3, EventLogRotation.keep(Map.of(EventLogRotation.SETTING, " 3 "), null));
        ConfigException os = assertThrows(ConfigException.class,
                () -> EventLogRotation.keep(Map.of(EventLogRotation.SETTING, "ten"), null));
        assertEquals("stepwise_keep_event_logs must be the number of runs whose event logs are kept (a whole number,"
                + " 0 keeps every log), got 'ten' (set in the OS environment)", os.getMessage());

        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("env/default"));
        Files.writeString(project.resolve("manifest.json"), "{\"Language\": \"stepwise-java\"}\n");
        Path props = project.resolve("env/default/default.properties");
        Files.writeString(props, "gauge_reports_dir = reports\nstepwise_keep_event_logs = -1\n");
        ProjectConfig config = ProjectConfig.load(project, null, Map.of());
        ConfigException file = assertThrows(ConfigException.class, () -> EventLogRotation.keep(Map.of(), config));
        assertTrue(file.getMessage().endsWith("got '-1' (set in " + props.toAbsolutePath().normalize() + ":2)"),
                file.getMessage());
    }
}
