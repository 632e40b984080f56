package dev.stepwise.reports.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Strings come out as JSON that is also safe inside an HTML script block. */
class JsonWriterTest {

    private static String string(String value) throws IOException {
        StringWriter out = new StringWriter();
        new JsonWriter(out).value(value);
        return out.toString();
    }

    @Test
    void plainTextIsWrittenAsIs() throws IOException {
        assertEquals("\"Say hello to Gauge, café ✓\"", string("Say hello to Gauge, café ✓"));
        assertEquals("\"\"", string(""));
    }

    @Test
    void jsonSpecialCharactersAreEscaped() throws IOException {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\"", string("a\"b\\c\nd\re\tf"));
        assertEquals("\"\\u0000\\u0001\\u001f\"", string("\u0000\u0001\u001f"));
    }

    @Test
    void markupAndScriptLineTerminatorsAreEscaped() throws IOException {
        assertEquals("\"\\u003c/script\\u003e \\u0026amp; x\\u2028y\\u2029\"", string("</script> &amp; x\u2028y\u2029"));
    }

    @Test
    void escapesBetweenRunsKeepEveryCharacterInOrder() throws IOException {
        assertEquals("\"Say \\u003cgreeting\\u003e to \\u003cname\\u003e\\n\"", string("Say <greeting> to <name>\n"));
    }

    @Test
    void objectsAndArraysGetTheirCommas() throws IOException {
        StringWriter out = new StringWriter();
        new JsonWriter(out).beginObject().field("a", "x").field("n", 2).name("l").beginArray().value(true)
                .value(1.5).value(3.0).value((String) null).endArray().endObject();
        assertEquals("{\"a\":\"x\",\"n\":2,\"l\":[true,1.5,3,null]}", out.toString());
    }
}
