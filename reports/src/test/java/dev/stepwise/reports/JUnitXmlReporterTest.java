package dev.stepwise.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitXmlReporterTest {
    @TempDir
    Path tmp;

    private List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static Element parse(Path file) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        return doc.getDocumentElement();
    }

    @Test
    void writesOneSurefireTestsuitePerSpecWhenTheSpecEnds() throws Exception {
        Path dir = tmp.resolve("xml-report");
        RunDriver d = new RunDriver(new JUnitXmlReporter(dir));
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Open an account", "passed", 0);
        d.scenario("Overdraw", "failed", 0);
        d.scenario("Close an account", "skipped", 0);
        assertTrue(files(dir).stream().noneMatch(p -> p.getFileName().toString().startsWith("TEST-")),
                "no XML before the spec ends");
        d.endSpec();
        List<Path> afterFirst = files(dir).stream().filter(p -> p.getFileName().toString().startsWith("TEST-")).toList();
        assertEquals(1, afterFirst.size(), "written as soon as the spec ended: " + afterFirst);
        d.startSpec("Transfers");
        d.scenario("Flaky transfer", "failed", 0);
        d.scenario("Flaky transfer", "passed", 1);
        d.endSpec();
        d.endSuite();

        List<Path> all = files(dir);
        assertEquals(2, all.size(), "no temp files left: " + all);
        Element accounts = parse(all.stream().filter(p -> p.toString().contains("Accounts")).findFirst().orElseThrow());
        assertEquals("testsuite", accounts.getTagName());
        assertEquals("Accounts", accounts.getAttribute("name"));
        assertEquals("3", accounts.getAttribute("tests"));
        assertEquals("1", accounts.getAttribute("failures"));
        assertEquals("1", accounts.getAttribute("skipped"));
        assertEquals("0", accounts.getAttribute("errors"));
        NodeList cases = accounts.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element overdraw = (Element) cases.item(1);
        assertEquals("Overdraw", overdraw.getAttribute("name"));
        assertEquals("Accounts", overdraw.getAttribute("classname"));
        assertEquals("1.234", overdraw.getAttribute("time"));
        Element failure = (Element) overdraw.getElementsByTagName("failure").item(0);
        assertEquals("expected <1> but was <2>", failure.getAttribute("message"));
        assertEquals("java.lang.AssertionError", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("at demo.Steps.check(Steps.java:42)"));
        Element skipped = (Element) ((Element) cases.item(2)).getElementsByTagName("skipped").item(0);
        assertEquals("Step implementation not found", skipped.getAttribute("message"));
        String out = ((Element) cases.item(0)).getElementsByTagName("system-out").item(0).getTextContent();
        assertEquals("logged in <ok> & done\n", out);

        Element transfers = parse(all.stream().filter(p -> p.toString().contains("Transfers")).findFirst().orElseThrow());
        assertEquals("1", transfers.getAttribute("tests"), "a retried scenario is one test case");
        assertEquals("0", transfers.getAttribute("failures"));
        Element flaky = (Element) transfers.getElementsByTagName("testcase").item(0);
        assertEquals(1, flaky.getElementsByTagName("flakyFailure").getLength());
        assertEquals(0, flaky.getElementsByTagName("failure").getLength());
    }

    @Test
    void scenariosSkippedBeforeTheyStartedAreSkippedTestCases() throws Exception {
        Path dir = tmp.resolve("xml-report");
        RunDriver d = new RunDriver(new JUnitXmlReporter(dir));
        d.startSuite();
        d.startSpec("Rockets");
        d.scenario("Launch", "passed", 0);
        d.unstarted("Land on Mars", "Step implementation not found: Fly to \"Mars\"");
        d.endSpec();
        d.endSuite();

        Element suite = parse(files(dir).get(0));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("0", suite.getAttribute("failures"));
        Element mars = (Element) suite.getElementsByTagName("testcase").item(1);
        assertEquals("Land on Mars", mars.getAttribute("name"));
        assertEquals("Rockets", mars.getAttribute("classname"));
        assertEquals("0.000", mars.getAttribute("time"));
        Element skipped = (Element) mars.getElementsByTagName("skipped").item(0);
        assertEquals("Step implementation not found: Fly to \"Mars\"", skipped.getAttribute("message"));
    }

    @Test
    void aRunKilledMidSpecLeavesNoPartialFile() throws Exception {
        Path dir = tmp.resolve("xml");
        JUnitXmlReporter reporter = new JUnitXmlReporter(dir);
        RunDriver d = new RunDriver(reporter);
        d.startSuite();
        d.startSpec("Accounts");
        d.scenario("Open an account", "passed", 0);
        reporter.close();
        assertEquals(List.of(), files(dir));
    }

    @Test
    void anUnwritableFolderIsReportedWithItsPath() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        RunDriver d = new RunDriver(new JUnitXmlReporter(blocker.resolve("xml-report")));
        d.startSuite();
        IOException e = assertThrows(IOException.class, () -> d.startSpec("Accounts"));
        assertTrue(e.getMessage().contains(blocker.resolve("xml-report").toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot write the JUnit XML report to "), e.getMessage());
    }

    @Test
    void failureTypeComesFromTheStackTrace() {
        assertEquals("org.opentest4j.AssertionFailedError", JUnitXmlReporter.failureType(
                dev.stepwise.reporter.event.Failure.of("m", "org.opentest4j.AssertionFailedError: m\n\tat x")));
        assertEquals("StepFailure", JUnitXmlReporter.failureType(dev.stepwise.reporter.event.Failure.of("m", "")));
        assertEquals("a &amp; b &lt;c&gt;", JUnitXmlReporter.escape("a & b <c>\u0001"));
    }

    @Test
    void timesAreSecondsWithThreeDecimalsAsSurefireWritesThem() {
        assertEquals("0.000", JUnitXmlReporter.seconds(0));
        assertEquals("0.005", JUnitXmlReporter.seconds(5));
        assertEquals("0.050", JUnitXmlReporter.seconds(50));
        assertEquals("1.234", JUnitXmlReporter.seconds(1234));
        assertEquals("60.000", JUnitXmlReporter.seconds(60_000));
        assertEquals("123456.789", JUnitXmlReporter.seconds(123_456_789));
    }
}
