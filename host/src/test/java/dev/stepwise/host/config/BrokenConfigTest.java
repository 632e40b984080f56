package dev.stepwise.host.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 9, bad input: a broken {@code manifest.json} or env properties file gives one clear message that names the
 * file (and the line, and the column for JSON) and says what to do.
 */
class BrokenConfigTest {

    @TempDir
    Path root;

    private Path write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static void says(ConfigException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
        }
    }

    private ConfigException manifest(String text) throws IOException {
        Path file = write("manifest.json", text);
        ConfigException e = assertThrows(ConfigException.class, () -> Manifest.read(root));
        says(e, file.toString(), "Fix the file");
        return e;
    }

    @Test
    void manifestWithBadJsonNamesLineAndColumn() throws IOException {
        says(manifest("{\n  \"Language\": \"stepwise-java\"\n  \"Plugins\": []\n}"), "not valid JSON",
                "line 3, column 3", "expected ',' or '}'");
        says(manifest("{\"Language\": \"stepwise-java\", \"Plugins\": [\"a\",]}"), "line 1, column 47", "unexpected character ']'");
        says(manifest(""), "line 1, column 1", "unexpected end of input");
        says(manifest("{\"Language\": \"java\"} trailing"), "unexpected content after the JSON value");
    }

    @Test
    void manifestWithWrongTypesSaysWhatWasFound() throws IOException {
        says(manifest("{\"Language\": 3, \"Plugins\": []}"), "\"Language\" must be a string", "not a number (3.0)");
        says(manifest("{\"Language\": \"stepwise-java\", \"Plugins\": \"html-report\"}"),
                "\"Plugins\" must be an array", "not the string \"html-report\"");
        says(manifest("{\"Language\": \"stepwise-java\", \"Plugins\": [true]}"), "only strings",
                "found a boolean (true)");
        says(manifest("[\"stepwise-java\"]"), "must hold a JSON object", "not an array",
                "{\"Language\": \"stepwise-java\", \"Plugins\": []}");
    }

    @Test
    void manifestWithoutLanguageSaysWhatToAdd() throws IOException {
        Path file = write("manifest.json", "{\"Plugins\": []}");
        ConfigException e = assertThrows(ConfigException.class, () -> Manifest.read(root));
        says(e, file.toString(), "\"Language\" is missing", "Add \"Language\": \"stepwise-java\"");
    }

    @Test
    void missingManifestSaysItIsNotAProject() {
        ConfigException e = assertThrows(ConfigException.class, () -> Manifest.read(root));
        says(e, root.resolve("manifest.json").toString(), "is not a Gauge project", "--project");
    }

    @Test
    void propertiesWithABadEscapeNameFileAndLine() throws IOException {
        Path file = write("env/default/default.properties", "a = fine\n# a comment \\uZZZZ is fine too?\n"
                + "b = C:\\\\temp is fine\npath = C:\\users\\me\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Environment.load(root, null, null, Map.of()));
        // Line 2 is a comment (Properties does not read escapes there); line 4's "\\users" is the bad one.
        says(e, file + ":4:", "malformed \\uXXXX escape", "four hex digits", "\\\\ for a backslash");
        Path only = write("env/ci/ci.properties", "x = 1\ny = \\u12\n");
        ConfigException ci = assertThrows(ConfigException.class, () -> Environment.load(root, "ci", null, Map.of()));
        says(ci, only + ":2:", "malformed \\uXXXX escape");
    }

    @Test
    void unresolvedReferenceNamesTheVariableFileAndLine() throws IOException {
        Path file = write("env/default/default.properties", "host = example.org\n\nurl = https://${nope}/x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Environment.load(root, null, null, Map.of()));
        says(e, "[nope] env variable(s) are not set", file + ":3", "Define them in env/default or in the OS environment");
    }

    @Test
    void circularReferenceNamesTheChainAndWhereEachLinkIs() throws IOException {
        Path file = write("env/default/default.properties", "a = x${b}\nb = ${a}y\nc = ${c}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Environment.load(root, null, null, Map.of()));
        says(e, "Circular reference in env properties: a -> b -> a", "a at " + file + ":1", "b at " + file + ":2",
                "Replace one of these ${...} references with a value");
        assertTrue(!e.getMessage().contains("not set"), "a cycle is not reported as a missing variable");

        write("env/default/default.properties", "c = ${c}\n");
        ConfigException self = assertThrows(ConfigException.class, () -> Environment.load(root, null, null, Map.of()));
        says(self, "Circular reference in env properties: c -> c", "c at " + file + ":1");
    }

    @Test
    void anOsVariableBreaksWhatWouldBeACycle() throws IOException {
        write("env/default/default.properties", "a = ${b}\nb = ${a}\n");
        Environment env = Environment.load(root, null, null, Map.of("b", "os"));
        assertTrue(env.get("a", "").equals("os"), env.properties()::toString);
    }

    @Test
    void unknownEnvironmentNamesTheMissingFolder() {
        ConfigException e = assertThrows(ConfigException.class, () -> Environment.load(root, "qa", null, Map.of()));
        says(e, "qa environment does not exist", root.resolve("env").resolve("qa").toString(), "Create it or fix --env");
    }
}
