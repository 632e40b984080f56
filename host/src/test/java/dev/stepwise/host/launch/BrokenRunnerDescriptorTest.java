package dev.stepwise.host.launch;

import dev.stepwise.host.config.DescriptorFiles;
import dev.stepwise.host.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, bad input: a broken runner descriptor ({@code <id>.json}) or an unknown {@code Language} gives one clear
 * message naming the file (line and column for JSON) and what to do.
 */
class BrokenRunnerDescriptorTest {

    @TempDir
    Path dir;

    private static void says(ConfigException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private ConfigException read(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("stepwise-java.json"), json);
        ConfigException e = assertThrows(ConfigException.class, () -> RunnerDescriptor.read(file));
        says(e, file.toString());
        return e;
    }

    @Test
    void badJsonNamesLineAndColumnAndWhatToDo() throws IOException {
        says(read("{\n  \"id\": \"stepwise-java\",\n  \"run\": {\"linux\": [\"bin/x\"}\n}"), "not valid JSON",
                "line 3, column 28", "expected ',' or ']'", "reinstall the runner");
    }

    @Test
    void missingRunSaysWhatToAdd() throws IOException {
        says(read("{\"id\": \"stepwise-java\"}"), "there is no \"run\"", "Add the command line as an array",
                "\"run\": {\"" + DescriptorFiles.osKey() + "\": [");
        says(read("{\"id\": \"x\", \"run\": \"bin/x\"}"), "\"run\" is not an object");
    }

    @Test
    void noCommandForThisOsNamesTheOsesThatAreThere() throws IOException {
        String other = DescriptorFiles.osKey().equals("windows") ? "darwin" : "windows";
        says(read("{\"id\": \"x\", \"run\": {\"" + other + "\": [\"x.exe\"]}}"),
                "no \"" + DescriptorFiles.osKey() + "\" entry (only [" + other + "])", "install the runner built for");
        says(read("{\"id\": \"x\", \"run\": {\"" + DescriptorFiles.osKey() + "\": []}}"), "an empty or non-array");
    }

    @Test
    void notAnObjectSaysWhatShapeIsExpected() throws IOException {
        says(read("[]"), "must hold a JSON object", "\"run\": {\"linux\": [...]}");
    }

    @Test
    void unknownLanguageNamesWhereItLookedAndWhatToDo() {
        RunnerLocator locator = new RunnerLocator(Map.of("GAUGE_HOME", dir.toString(),
                "STEPWISE_RUNNER_DIR", dir.resolve("runner").toString()), Optional.empty());
        ConfigException e = assertThrows(ConfigException.class, () -> locator.find("stepwise-jav"));
        says(e, "Language runner 'stepwise-jav'", "manifest.json \"Language\"", "is not installed",
                dir.resolve("runner").resolve("stepwise-jav.json").toString(),
                dir.resolve("plugins").resolve("stepwise-jav").toString(), "Check the spelling", "install the plugin");
    }
}
