package dev.stepwise.host.plugins;

import dev.stepwise.host.config.DescriptorFiles;
import dev.stepwise.host.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, bad input: a broken {@code plugin.json} gives one message naming the file (line and column for JSON) and
 * the part that is wrong.
 */
class BrokenPluginDescriptorTest {

    @TempDir
    Path dir;

    private ConfigException read(String json, String... parts) throws IOException {
        Path file = Files.writeString(dir.resolve("plugin.json"), json);
        ConfigException e = assertThrows(ConfigException.class, () -> PluginDescriptor.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e::getMessage);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
        return e;
    }

    @Test
    void badJsonNamesLineAndColumn() throws IOException {
        read("{\n  \"id\": \"html-report\",\n  \"command\": {\"linux\": [\"bin/x\"]},,\n}", "not valid JSON",
                "line 3, column 35", "expected a quoted key");
        read("{\"id\": \"x\"", "line 1, column 11", "unexpected end of input");
    }

    @Test
    void missingCommandForThisOsSaysWhichKeyIsNeeded() throws IOException {
        read("{\"id\": \"x\", \"command\": {\"plan9\": [\"x\"]}}", "has no \"command\": {\"" + DescriptorFiles.osKey()
                + "\": [...]} for this OS");
        read("{\"id\": \"x\"}", "has no \"command\"");
    }

    @Test
    void notAnObject() throws IOException {
        read("\"plugin\"", "must hold a JSON object");
    }
}
