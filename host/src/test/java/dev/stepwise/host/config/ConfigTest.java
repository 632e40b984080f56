package dev.stepwise.host.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {

    @TempDir
    Path root;

    @Test
    void manifestKeysIgnoreCase() {
        Manifest m = Manifest.parse(Path.of("manifest.json"),
                "{\"language\": \"stepwise-java\", \"PLUGINS\": [\"html-report\"], \"environmentDir\": \"conf\"}");
        assertEquals("stepwise-java", m.language());
        assertEquals(List.of("html-report"), m.plugins());
        assertEquals("conf", m.environmentDir().orElseThrow());
    }

    @Test
    void badJsonNamesTheFileAndPosition() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Manifest.parse(Path.of("/p/manifest.json"), "{\n  \"Language\": \"java\",\n}"));
        assertTrue(e.getMessage().contains("/p/manifest.json"), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void missingLanguageSaysWhatToAdd() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Manifest.parse(Path.of("manifest.json"), "{\"Plugins\": []}"));
        assertTrue(e.getMessage().contains("\"Language\": \"stepwise-java\""), e.getMessage());
    }

    private void write(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void envPrecedenceOsThenFirstEnvThenDefaultThenBuiltIns() throws IOException {
        write("env/default/default.properties", "a = default\nb = default\nc = default\ngauge_reports_dir = out\n");
        write("env/ci/ci.properties", "a = ci\nb = ci\n");
        write("env/qa/qa.properties", "a = qa\nd = qa\n");
        Environment env = Environment.load(root, "ci,qa", null, Map.of("b", "os"));
        assertEquals("ci", env.get("a", null), "first named env wins");
        assertEquals("os", env.get("b", null), "OS environment is never overridden");
        assertEquals("default", env.get("c", null));
        assertEquals("qa", env.get("d", null));
        assertEquals("out", env.get("gauge_reports_dir", null));
        assertEquals("specs", env.get("gauge_specs_dir", null), "built-in default");
        assertEquals("ci,qa", env.get("gauge_environment", null));
        assertFalse(env.exported().containsKey("b"), "the OS already has it");
        assertEquals("ci", env.exported().get("a"));
    }

    @Test
    void referencesResolveAgainstPropertiesAndOs() throws IOException {
        write("env/default/default.properties", "host = example.org\nurl = https://${host}:${PORT}/x\n");
        Environment env = Environment.load(root, null, null, Map.of("PORT", "8080"));
        assertEquals("https://example.org:8080/x", env.get("url", null));
    }

    @Test
    void unresolvedReferencesFailWithTheirNames() throws IOException {
        write("env/default/default.properties", "url = ${nope}/${neither}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Environment.load(root, null, null, Map.of()));
        assertTrue(e.getMessage().startsWith("[nope, neither] env variable(s) are not set"), e.getMessage());
        assertTrue(e.getMessage().contains("default.properties"), e.getMessage());
    }

    @Test
    void unknownEnvironmentIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Environment.load(root, "staging", null,
                Map.of()));
        assertTrue(e.getMessage().contains("staging environment does not exist"), e.getMessage());
    }

    @Test
    void runnerConnectionTimeoutComesFromGaugeProperties() throws IOException {
        write("home/config/gauge.properties", "runner_connection_timeout = 1234\n");
        GaugeSettings s = GaugeSettings.load(Map.of("GAUGE_HOME", root.resolve("home").toString(),
                "runner_request_timeout", "99"), null);
        assertEquals(1234, s.runnerConnectionTimeout().toMillis());
        assertEquals(99, s.runnerRequestTimeout().toMillis());
    }
}
