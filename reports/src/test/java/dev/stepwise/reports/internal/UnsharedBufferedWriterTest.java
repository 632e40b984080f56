package dev.stepwise.reports.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every char arrives in order, whatever the mix of call sizes against the buffer's. */
class UnsharedBufferedWriterTest {

    @Test
    void smallAndLargeWritesAcrossTheBufferEdgeKeepTheirOrder() throws IOException {
        StringWriter target = new StringWriter();
        StringBuilder expected = new StringBuilder();
        try (Writer w = new UnsharedBufferedWriter(target, 8)) {
            for (int i = 0; i < 50; i++) {
                String s = "x".repeat(i % 13) + i;
                w.write(s);
                w.write(',');
                char[] chars = ("[" + "c".repeat(i % 20) + "]").toCharArray();
                w.write(chars, 1, chars.length - 1);
                w.append("ab", 0, 1);
                expected.append(s).append(',').append(chars, 1, chars.length - 1).append('a');
            }
        }
        assertEquals(expected.toString(), target.toString());
    }

    @Test
    void nothingReachesTheTargetBeforeAFlushUnlessTheBufferFills() throws IOException {
        StringWriter target = new StringWriter();
        Writer w = new UnsharedBufferedWriter(target, 16);
        w.write("0123456789");
        assertEquals("", target.toString());
        w.flush();
        assertEquals("0123456789", target.toString());
        w.write("abcdefghijklmnopq");
        assertTrue(target.toString().startsWith("0123456789abcdefghijklmnop"), target.toString());
        w.close();
        assertEquals("0123456789abcdefghijklmnopq", target.toString());
    }

    @Test
    void aClosedWriterRefusesMoreAndClosingTwiceIsHarmless() throws IOException {
        Writer w = new UnsharedBufferedWriter(new StringWriter(), 4);
        w.close();
        w.close();
        assertThrows(IOException.class, () -> w.write("x"));
    }
}
