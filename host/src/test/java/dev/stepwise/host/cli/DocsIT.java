package dev.stepwise.host.cli;

import dev.stepwise.host.plugins.MarkdownDocumenter;
import dev.stepwise.host.plugins.MisbehavingDocumenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code stepwise docs PLUGIN [SPECS]} with documentation plugins as real processes, installed in a temp
 * GAUGE_HOME and started by the real CLI as Gauge starts them (plugin.json's command, the plugin folder as working
 * directory, GAUGE_PROJECT_ROOT and GAUGE_SPEC_DIRS). No runner is involved: the specs are only parsed.
 *
 * <p>The timeouts are hang guards for the whole test, far above what a passing test takes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DocsIT {
    @TempDir
    Path tmp;

    /**
     * Installs a documentation plugin {@code id} 1.0.0 that runs {@code main} with this JVM and classpath. Its last
     * argument, which the plugins ignore, is its folder: it tells this test's plugin processes from any other.
     */
    private static Path install(Path home, String id, Class<?> main, String... args) throws IOException {
        Path dir = home.resolve("plugins").resolve(id).resolve("1.0.0");
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        argv.addAll(List.of(args));
        argv.add(dir.toString());
        String command = argv.stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        Files.writeString(dir.resolve("plugin.json"), """
                {"id": "%s", "version": "1.0.0", "name": "test documenter",
                 "command": {"linux": %s, "darwin": %s, "windows": %s},
                 "scope": ["Documentation"], "capabilities": ["grpc_support"],
                 "gaugeVersionSupport": {"minimum": "1.0.0", "maximum": ""}}
                """.formatted(id, command, command, command));
        return dir;
    }

    /** Two spec folders: three specs, one of which does not parse (a second heading on line 7). */
    private Path project() throws IOException {
        Path p = tmp.resolve("project");
        Files.createDirectories(p.resolve("specs"));
        Files.createDirectories(p.resolve("more-specs"));
        Files.writeString(p.resolve("manifest.json"), "{\"Language\": \"stepwise-java\", \"Plugins\": []}\n");
        Files.writeString(p.resolve("specs/login.spec"), """
                # Login
                Tags: smoke, web

                ## Good password

                * Log in as "ann" with "secret"
                * The dashboard greets "ann"

                ## Wrong password

                * Log in as "ann" with "nope"
                """);
        Files.writeString(p.resolve("specs/broken.spec"), """
                # Checkout

                ## Pay by card

                * Pay "10" by card

                # A second heading
                """);
        Files.writeString(p.resolve("more-specs/search.spec"), """
                # Search

                ## Find a book

                * Search for "gauge"
                """);
        return p;
    }

    private Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GAUGE_HOME", home.toString());
        env.remove("STEPWISE_HOME");
        return env;
    }

    /** Processes whose command line holds {@code token} (a temp path only this test's plugins carry). */
    private static List<ProcessHandle> processesWith(String token) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(token)).orElse(false)).toList();
    }

    /** The plugin's process must be gone; a bounded wait lets a process the host just killed finish exiting. */
    private static void assertNoProcessLeft(String token) throws Exception {
        for (ProcessHandle h : processesWith(token)) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
                fail("the plugin process " + h.pid() + " was left running: " + h.info().commandLine().orElse(""));
            }
        }
    }

    @Test
    void aDocumenterGetsEverySpecWithItsParseErrorsAsGaugeStartsItThenKillAndExits() throws Exception {
        Path home = tmp.resolve("gauge-home");
        Path pluginDir = install(home, "markdown-docs", MarkdownDocumenter.class);
        Files.writeString(pluginDir.resolve("header.md"), "# Specifications of the test project\n");
        Path project = project();

        CliRuns.Run r = CliRuns.run(env(home), "docs", "markdown-docs", "--project", project.toString(),
                "specs", "more-specs");

        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Documented 3 spec(s) with markdown-docs 1.0.0 (1 parse error(s) passed on to "
                + "the plugin); it exited with status 0 after Kill."), r.out());
        Path docs = project.resolve("reports/docs");
        assertEquals(List.of("cwd=" + pluginDir.toRealPath(), "GenerateDocs 3 specs", "close after Kill", "exit 0"),
                Files.readAllLines(docs.resolve("lifecycle.txt")),
                "started in its plugin folder, one GenerateDocs, then Kill, then a clean exit");
        String md = Files.readString(docs.resolve("specs.md"));
        // header.md was read from the working directory; GAUGE_SPEC_DIRS held both folders, joined by ||.
        assertTrue(md.startsWith("# Specifications of the test project\n\nSpec folders:\n- specs\n- more-specs\n"),
                md);
        assertTrue(md.contains("""
                ## Login (specs/login.spec)
                Tags: smoke, web

                ### Good password (line 4)
                * Log in as "ann" with "secret"
                * The dashboard greets "ann"

                ### Wrong password (line 9)
                * Log in as "ann" with "nope"
                """), md);
        assertTrue(md.contains("""
                ## Search (more-specs/search.spec)

                ### Find a book (line 3)
                * Search for "gauge"
                """), md);
        assertTrue(md.contains("## Parse errors\n- specs/broken.spec:7: Multiple spec headings found in same file"),
                md);
        assertNoProcessLeft(pluginDir.toString());
    }

    @Test
    void aDocumenterThatCrashesInGenerateDocsIsNamedWithItsExitStatusAndStderr() throws Exception {
        Path home = tmp.resolve("gauge-home");
        Path pluginDir = install(home, "crashing-docs", MisbehavingDocumenter.class, "crash");
        CliRuns.Run r = CliRuns.run(env(home), "docs", "crashing-docs", "--project", project().toString());

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("stepwise: documentation plugin crashing-docs 1.0.0 failed in GenerateDocs: its "
                + "process exited with status 3"), r.out());
        assertTrue(r.out().contains("documenter: out of memory while rendering 2 specs"), r.out());
        assertNoProcessLeft(pluginDir.toString());
    }

    @Test
    void aDocumenterThatNeverAnswersIsKilledAtTheDeadline() throws Exception {
        Path home = tmp.resolve("gauge-home");
        Path pluginDir = install(home, "hanging-docs", MisbehavingDocumenter.class, "hang");
        Map<String, String> env = env(home);
        env.put("stepwise_docs_timeout", "1500");
        CliRuns.Run r = CliRuns.run(env, "docs", "hanging-docs", "--project", project().toString());

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("stepwise: documentation plugin hanging-docs 1.0.0 failed in GenerateDocs: no "
                + "answer within stepwise_docs_timeout = 1500 ms; the plugin was killed"), r.out());
        assertNoProcessLeft(pluginDir.toString());
    }

    @Test
    void aDocumenterThatDoesNotStopAfterKillIsForceKilled() throws Exception {
        Path home = tmp.resolve("gauge-home");
        Path pluginDir = install(home, "stubborn-docs", MisbehavingDocumenter.class, "ignore-kill");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/gauge.properties"), "plugin_kill_timeout = 1000\n");
        CliRuns.Run r = CliRuns.run(env(home), "docs", "stubborn-docs", "--project", project().toString());

        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("stepwise: documentation plugin stubborn-docs 1.0.0 did not exit within "
                + "plugin_kill_timeout = 1000 ms after Kill and was force-killed"), r.out());
        assertNoProcessLeft(pluginDir.toString());
    }
}
