package dev.stepwise.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReporterTest {
    @TempDir
    Path tmp;

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void oneSelfContainedFileWithEmbeddedDataAndInlineScreenshots() throws Exception {
        Path shots = Files.createDirectories(tmp.resolve("screenshots"));
        Files.write(shots.resolve("shot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path file = tmp.resolve("html-report/index.html");
        RunDriver.sampleRun(new RunDriver(new HtmlReporter(file, Optional.of(shots))));

        String html = Files.readString(file);
        assertEquals(List.of(file), files(file.getParent()), "no temp files left");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>Stepwise report: demo</title>"));
        assertTrue(html.contains("\"file\":\"shot.png\",\"dataUri\":\"data:image/png;base64,iVBORw==\""), "inline image");
        assertFalse(html.contains("src=\"http"), "nothing loaded from the network");
        assertFalse(html.matches("(?s).*<(link|script)[^>]+(href|src)=.*"), "no external resources");
        assertEquals(1, count(html, "class=\"sw-chunk\""));
        // user text cannot close the data block
        assertFalse(html.contains("logged in <ok>"), "data is escaped inside <script>");
    }

    @Test
    void tenThousandScenariosStreamToDiskAndStayCompact() throws Exception {
        Path file = tmp.resolve("big/index.html");
        HtmlReporter reporter = new HtmlReporter(file, Optional.empty());
        RunDriver d = new RunDriver(reporter);
        d.startSuite();
        long midRunDataBytes = 0;
        int specs = 100;
        for (int s = 0; s < specs; s++) {
            d.startSpec("Spec " + s);
            for (int i = 0; i < 100; i++) {
                d.scenario("Scenario " + s + "." + i, i % 10 == 0 ? "failed" : i % 17 == 0 ? "skipped" : "passed", 0);
            }
            d.endSpec();
            if (s == specs / 2) {
                assertFalse(Files.exists(file), "the report is not presented before the run ends");
                midRunDataBytes = files(file.getParent()).stream().mapToLong(HtmlReporterTest::size).sum();
            }
        }
        d.endSuite();

        long size = Files.size(file);
        // Half the data was already on disk at mid-run: the reporter streams instead of holding the suite.
        assertTrue(midRunDataBytes > size * 0.4, "mid-run bytes on disk " + midRunDataBytes + " of " + size);
        assertTrue(size < 25L * 1024 * 1024, "10,000 scenarios in " + size + " bytes");
        assertTrue(size / 10_000 < 2_500, "about " + size / 10_000 + " bytes per scenario");
        String html = Files.readString(file);
        int records = 10_000 + specs;
        assertEquals((records + HtmlReporter.CHUNK - 1) / HtmlReporter.CHUNK, count(html, "class=\"sw-chunk\""));
        assertEquals(10_000, count(html, "{\"type\":\"scenario\""));
        assertEquals(List.of(file), files(file.getParent()));
    }

    @Test
    void aRunWithoutSuiteResultPresentsNothing() throws Exception {
        Path file = tmp.resolve("partial/index.html");
        HtmlReporter reporter = new HtmlReporter(file, Optional.empty());
        RunDriver d = new RunDriver(reporter);
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Open an account", "passed", 0);
        reporter.close();
        assertEquals(List.of(), files(file.getParent()));
    }

    @Test
    void unwritableFolderNamesThePath() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("file"), "x");
        RunDriver d = new RunDriver(new HtmlReporter(blocker.resolve("html/index.html"), Optional.empty()));
        d.startSuite();
        d.startSpec("A");
        IOException e = assertThrows(IOException.class, () -> d.scenario("S", "passed", 0));
        assertTrue(e.getMessage().startsWith("cannot write the HTML report to " + blocker.resolve("html")), e.getMessage());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
