package dev.stepwise.reports.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hidden files of ended processes go; those of live processes, other reports and unknown names stay. */
class LeftoversTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheEndedProcessesFilesAboutThatReportAreDeleted() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        long dead = ended.pid();
        long self = ProcessHandle.current().pid();
        Path deadFile = touch(".report.ndjson." + dead + ".1.tmp");
        Path deadFolder = Files.createDirectories(dir.resolve(".report.ndjson." + dead + ".old-2"));
        touch(".report.ndjson." + dead + ".old-2/inside");
        Path liveFile = touch(".report.ndjson." + self + ".3.tmp");
        Path otherReport = touch(".index.html." + dead + ".4.tmp");
        Path noPid = touch(".report.ndjson.12ab.tmp");
        Path report = touch("report.ndjson");

        assertEquals(2, Leftovers.sweep(dir, "report.ndjson"));

        assertFalse(Files.exists(deadFile));
        assertFalse(Files.exists(deadFolder));
        assertTrue(Files.exists(liveFile), "this process is alive");
        assertTrue(Files.exists(otherReport), "another report's files are swept by that report");
        assertTrue(Files.exists(noPid), "a name without a process id is not ours to judge");
        assertTrue(Files.exists(report));
    }

    @Test
    void theNamesThisProcessMakesAreOnesASweepRecognisesAsLive() throws IOException {
        Path temp = ReportFile.tempFor(dir, "report.ndjson", "JSON report");
        assertTrue(temp.getFileName().toString().startsWith(Leftovers.prefix("report.ndjson")), temp.toString());
        assertEquals(0, Leftovers.sweep(dir, "report.ndjson"));
        assertTrue(Files.exists(temp));
    }

    @Test
    void aMissingFolderIsNothingToSweep() {
        assertEquals(0, Leftovers.sweep(dir.resolve("absent"), "report.ndjson"));
    }

    private Path touch(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "x");
    }
}
