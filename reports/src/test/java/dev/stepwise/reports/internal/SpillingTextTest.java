package dev.stepwise.reports.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small text stays in memory and touches no file; large text moves to a temp file; both copy out whole. */
class SpillingTextTest {

    @TempDir
    Path dir;

    private SpillingText text(int limit) {
        return new SpillingText(limit, dir, "TEST-x.xml", dir.resolve("TEST-x.xml"), "JUnit XML report",
                FileOpener.FILE_SYSTEM);
    }

    @Test
    void textUnderTheLimitNeverTouchesTheDisk() throws IOException {
        SpillingText t = text(64);
        t.write("  <testcase name=\"a\"/>\n");
        t.write('x');
        t.close();
        StringWriter out = new StringWriter();
        t.copyTo(out);
        assertEquals("  <testcase name=\"a\"/>\nx", out.toString());
        assertFalse(t.spilled());
        assertEquals(0, files(), "no temp file was made");
        t.discard();
    }

    @Test
    void textOverTheLimitMovesToATempFileAndKeepsEveryCharacterInOrder() throws IOException {
        SpillingText t = text(16);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String line = "case " + i + " é\n";
            t.write(line);
            expected.append(line);
        }
        t.write(new char[] {'e', 'n', 'd'}, 0, 3);
        expected.append("end");
        t.close();
        assertTrue(t.spilled());
        assertEquals(1, files(), "one hidden temp file");
        StringWriter out = new StringWriter();
        t.copyTo(out);
        assertEquals(expected.toString(), out.toString());

        t.discard();
        assertEquals(0, files(), "discard deletes the temp file");
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
