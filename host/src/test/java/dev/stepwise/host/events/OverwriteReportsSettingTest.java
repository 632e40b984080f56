package dev.stepwise.host.events;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.ProjectConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gauge's {@code overwrite_reports}: true by default, false from a file or the OS, anything else named. */
class OverwriteReportsSettingTest {
    @TempDir
    Path project;

    private ProjectConfig config(String properties, Map<String, String> osEnv) throws IOException {
        Files.createDirectories(project.resolve("env/default"));
        Files.writeString(project.resolve("manifest.json"), "{\"Language\": \"stepwise-java\"}\n");
        Files.writeString(project.resolve("env/default/default.properties"), properties);
        return ProjectConfig.load(project, null, osEnv);
    }

    @Test
    void trueByDefaultFalseFromThePropertiesOrTheOsEnvironment() throws IOException {
        assertTrue(Reporting.overwriteReports(config("gauge_reports_dir = reports\n", Map.of())));
        assertFalse(Reporting.overwriteReports(config("overwrite_reports = False\n", Map.of())));
        assertFalse(Reporting.overwriteReports(config("overwrite_reports = true\n",
                Map.of("overwrite_reports", "false"))), "the OS environment wins, as in Gauge");
    }

    @Test
    void aValueThatIsNeitherTrueNorFalseIsAnErrorNamingTheFileAndLine() throws IOException {
        ProjectConfig config = config("# reports\ngauge_reports_dir = reports\noverwrite_reports = flase\n", Map.of());
        ConfigException e = assertThrows(ConfigException.class, () -> Reporting.overwriteReports(config));
        assertEquals("overwrite_reports must be true (replace the reports of the previous run) or false (a new "
                + "timestamped folder per run), got 'flase' (set in "
                + project.resolve("env/default/default.properties").toAbsolutePath().normalize() + ":3)",
                e.getMessage());
        ConfigException os = assertThrows(ConfigException.class, () -> Reporting.overwriteReports(
                config("", Map.of("overwrite_reports", "no"))));
        assertTrue(os.getMessage().endsWith("got 'no' (set in the OS environment)"), os.getMessage());
    }
}
