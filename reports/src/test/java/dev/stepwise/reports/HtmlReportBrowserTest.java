package dev.stepwise.reports;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium}) and checks the rendered DOM: no script
 * errors, the expected scenarios and statuses, filters. In CI ({@code CI=true}) a missing browser fails the test;
 * elsewhere the test is skipped with the install command.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("STEPWISE_CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    static Path tmp;
    static Path report;
    static Path unstartedReport;

    @BeforeAll
    static void requireChromium() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = "Chromium not found at " + CHROMIUM + ". scripts/test installs it with "
                    + "'apt-get install -y chromium fonts-liberation' (or set STEPWISE_CHROMIUM to a Chromium binary).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        Path shots = Files.createDirectories(tmp.resolve("screenshots"));
        Files.write(shots.resolve("shot.png"), Base64Png.ONE_PIXEL);
        report = tmp.resolve("html-report/index.html");
        RunDriver.sampleRun(new RunDriver(new HtmlReporter(report, Optional.of(shots))));
        unstartedReport = tmp.resolve("unstarted/index.html");
        RunDriver d = new RunDriver(new HtmlReporter(unstartedReport, Optional.empty()));
        d.startSuite();
        d.startSpec("Rockets");
        d.scenario("Launch", "passed", 0);
        d.unstarted("Land on Mars", "Step implementation not found: Fly to \"Mars\"");
        d.endSpec();
        d.endSuite();
    }

    private static String dumpDom(String fragment) throws Exception {
        return dumpDom(report, fragment);
    }

    private static String dumpDom(Path report, String fragment) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom",
                report.toUri() + fragment));
        Path err = tmp.resolve("chromium-stderr-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        String dom = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "chromium exit status; stderr:\n" + Files.readString(err));
        assertTrue(dom.contains("data-rendered=\"true\""), "the viewer ran; stderr:\n" + Files.readString(err)
                + "\nDOM head:\n" + dom.substring(0, Math.min(dom.length(), 2000)));
        return dom;
    }

    private static List<String> rows(String dom) {
        // <div class="scenario" data-status="failed"><div class="row"><span class="badge failed">failed</span><span class="name">Overdraw</span>
        Matcher m = Pattern.compile("<div class=\"scenario\" data-status=\"(\\w+)\"><div class=\"row\">"
                + "<span class=\"badge \\w+\">\\w+</span><span class=\"name\">([^<]*)</span>").matcher(dom);
        List<String> rows = new ArrayList<>();
        while (m.find()) {
            rows.add(m.group(2) + "=" + m.group(1));
        }
        return rows;
    }

    @Test
    void loadsWithoutScriptErrorsAndShowsEveryScenarioWithItsStatus() throws Exception {
        String dom = dumpDom("");
        assertTrue(dom.contains("data-errors=\"[]\""), "script errors: " + between(dom, "data-errors=\"", "\""));
        assertEquals(List.of("Open an account=passed", "Overdraw=failed", "Close an account=skipped",
                "Flaky transfer=passed"), rows(dom));
        assertTrue(dom.contains("<b>4</b>Scenarios"), "summary counts");
        assertTrue(dom.contains("Environment: default"), "environment");
        assertTrue(dom.contains("Tags: smoke &amp; !slow"), "tags");
        // failed scenarios open with their details: failure message, stack trace, table, screenshot inline
        assertTrue(dom.contains("Failed: expected &lt;1&gt; but was &lt;2&gt;"), "failure message");
        assertTrue(dom.contains("at demo.Steps.check(Steps.java:42)"), "stack trace");
        assertTrue(dom.contains("<th>user</th><th>role</th>"), "table parameter");
        assertTrue(dom.contains("<img class=\"shot\" src=\"data:image/png;base64,"), "inline screenshot");
        assertTrue(dom.contains("attempt 2 of 2"), "retry shown on the final attempt");
        assertFalse(dom.contains("Flaky transfer</span><span class=\"tag\">smoke</span><span class=\"dur\">1.23 s</span></div></div><div class=\"scenario\" data-status=\"failed\""),
                "the superseded attempt is not a separate row");
    }

    @Test
    void scenariosSkippedBeforeTheyStartedAreRowsWithTheirReason() throws Exception {
        String dom = dumpDom(unstartedReport, "");
        assertTrue(dom.contains("data-errors=\"[]\""), "script errors: " + between(dom, "data-errors=\"", "\""));
        assertEquals(List.of("Launch=passed", "Land on Mars=skipped"), rows(dom));
        assertTrue(dom.contains("<span class=\"reason\">Step implementation not found: Fly to \"Mars\"</span>"),
                "the reason is on the row");
        assertTrue(dom.contains("<b>1</b>Skipped"), "summary counts it");
        assertEquals(List.of("Land on Mars=skipped"), rows(dumpDom(unstartedReport, "#status=skipped")));
    }

    @Test
    void filtersByStatusAndTagFromTheAddress() throws Exception {
        assertEquals(List.of("Overdraw=failed"), rows(dumpDom("#status=failed")));
        assertEquals(4, rows(dumpDom("#tag=smoke")).size());
        String none = dumpDom("#tag=nope");
        assertTrue(none.contains("No scenario matches the filter."));
        assertTrue(none.contains("data-errors=\"[]\""));
    }

    private static String between(String s, String a, String b) {
        int i = s.indexOf(a);
        if (i < 0) {
            return "(marker missing)";
        }
        int j = s.indexOf(b, i + a.length());
        return s.substring(i + a.length(), j < 0 ? s.length() : j);
    }

    /** A valid 1x1 PNG. */
    static final class Base64Png {
        static final byte[] ONE_PIXEL = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}
