package dev.stepwise.host.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stepwise.host.bench.SoakSuite.Key;
import dev.stepwise.host.bench.SoakSuite.Status;
import dev.stepwise.host.events.EventLogReader;
import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.SuiteExecutionResult;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scenario results one report holds, read as a stream (one line, record or element at a time), keyed by spec file
 * name, scenario heading and data-table row, with what was wrong in the report itself (a result seen twice, an
 * unreadable entry, a retry where none can be).
 */
final class ReportedResults {
    private static final int PROBLEMS_LISTED = 10;
    private static final String HTML_CHUNK = "<script type=\"application/json\" class=\"sw-chunk\">";
    private static final String HTML_SUMMARY = "<script type=\"application/json\" id=\"sw-summary\">";
    private static final Pattern JUNIT_ROW = Pattern.compile("(.*) \\[row (\\d+)]");

    /** Which report, for messages. */
    final String source;
    final Map<Key, Status> results = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    /** What the report's own summary says, when it has one (JSON suite line, HTML summary), else empty. */
    Optional<JsonObject> summary = Optional.empty();
    /** Spec entries seen: JSON/HTML spec lines, JUnit XML files, spec-ending events. */
    int specs;

    private ReportedResults(String source) {
        this.source = source;
    }

    private void add(Key key, Status status) {
        Status before = results.putIfAbsent(key, status);
        if (before != null) {
            problem(key + " reported twice (" + before + ", then " + status + ")");
        }
    }

    private void problem(String text) {
        if (problemCount++ < PROBLEMS_LISTED) {
            problems.add(text);
        }
    }

    /**
     * Everything that differs from {@code expected}, and the report's own problems; empty when the report holds
     * exactly the expected results. Lists at most ten of each kind, with the counts.
     */
    List<String> differences(Map<Key, Status> expected) {
        List<String> out = new ArrayList<>();
        if (problemCount > 0) {
            out.add(problemCount + " problem(s) in the report: " + problems);
        }
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int missingCount = 0;
        int wrongCount = 0;
        for (Map.Entry<Key, Status> e : expected.entrySet()) {
            Status seen = results.get(e.getKey());
            if (seen == null) {
                if (missingCount++ < PROBLEMS_LISTED) {
                    missing.add(e.getKey().toString());
                }
            } else if (seen != e.getValue()) {
                if (wrongCount++ < PROBLEMS_LISTED) {
                    wrong.add(e.getKey() + " is " + seen + ", expected " + e.getValue());
                }
            }
        }
        List<String> extra = results.keySet().stream().filter(k -> !expected.containsKey(k)).map(Key::toString)
                .toList();
        if (missingCount > 0) {
            out.add(missingCount + " result(s) missing, e.g. " + missing);
        }
        if (wrongCount > 0) {
            out.add(wrongCount + " result(s) with another status, e.g. " + wrong);
        }
        if (!extra.isEmpty()) {
            out.add(extra.size() + " result(s) not in the suite, e.g. "
                    + extra.subList(0, Math.min(PROBLEMS_LISTED, extra.size())));
        }
        return out.stream().map(d -> source + ": " + d).toList();
    }

    // ------------------------------------------------------------------ JSON report and HTML report

    /** {@code reports/json-report/report.ndjson}, line by line (docs/report-json-schema.md). */
    static ReportedResults jsonReport(Path ndjson) throws IOException {
        ReportedResults r = new ReportedResults("JSON report " + ndjson);
        try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                r.record(JsonParser.parseString(line).getAsJsonObject(), "line " + number);
            }
        }
        return r;
    }

    /** {@code reports/html-report/index.html}: its summary and its data chunks, one line each, record by record. */
    static ReportedResults htmlReport(Path index) throws IOException {
        ReportedResults r = new ReportedResults("HTML report " + index);
        try (BufferedReader in = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
            String line;
            int chunk = 0;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(HTML_SUMMARY) && line.endsWith("</script>")) {
                    r.summary = Optional.of(JsonParser.parseString(
                            line.substring(HTML_SUMMARY.length(), line.length() - "</script>".length()))
                            .getAsJsonObject());
                } else if (line.startsWith(HTML_CHUNK) && line.endsWith("</script>")) {
                    chunk++;
                    JsonArray records = JsonParser.parseString(
                            line.substring(HTML_CHUNK.length(), line.length() - "</script>".length())).getAsJsonArray();
                    for (JsonElement record : records) {
                        r.record(record.getAsJsonObject(), "data chunk " + chunk);
                    }
                }
            }
        }
        if (r.summary.isEmpty()) {
            r.problem("no summary (" + HTML_SUMMARY + ")");
        }
        return r;
    }

    /** One object of the JSON report's schema (the HTML report's records have the same shape). */
    private void record(JsonObject o, String where) {
        switch (o.has("type") ? o.get("type").getAsString() : "") {
            case "scenario" -> {
                int row = o.has("dataRow") ? o.getAsJsonObject("dataRow").get("specTableRow").getAsInt() : -1;
                Key key = new Key(fileName(o.get("specFile").getAsString()), o.get("name").getAsString(), row);
                if (o.get("attempt").getAsInt() != 1 || o.has("unstarted")) {
                    problem(where + ": " + key + " is not a first attempt that ran: " + o.get("attempt") + ", "
                            + o.get("unstarted"));
                }
                add(key, status(o.get("status").getAsString(), where));
            }
            case "spec" -> specs++;
            case "suite" -> summary = Optional.of(o);
            case "run" -> {
                // the run line: nothing to count
            }
            default -> problem(where + ": unknown record " + o.get("type"));
        }
    }

    private Status status(String word, String where) {
        for (Status s : Status.values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        problem(where + ": unknown status " + word);
        return null;
    }

    // ------------------------------------------------------------------ JUnit XML

    /**
     * Every {@code TEST-*.xml} in {@code dir}, element by element: a test case's spec is the file's {@code spec.file}
     * property, its row the {@code [row N]} suffix (1-based), its status a {@code <failure>} or {@code <skipped>}
     * child. Each file's {@code tests}, {@code failures} and {@code skipped} attributes must match its cases.
     */
    static ReportedResults junitXml(Path dir) throws IOException {
        ReportedResults r = new ReportedResults("JUnit XML " + dir);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("TEST-")).sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                XMLStreamReader xml = factory.createXMLStreamReader(in);
                r.junitFile(xml, file.getFileName().toString());
                xml.close();
            } catch (XMLStreamException e) {
                r.problem(file + " is not well-formed XML: " + e.getMessage());
            }
            r.specs++;
        }
        return r;
    }

    private void junitFile(XMLStreamReader xml, String file) throws XMLStreamException {
        String spec = null;
        String caseName = null;
        Status caseStatus = null;
        int[] declared = null;
        int[] counted = new int[3];
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "testsuite" -> declared = new int[] {intAttribute(xml, "tests"),
                            intAttribute(xml, "failures"), intAttribute(xml, "skipped")};
                    case "property" -> {
                        if ("spec.file".equals(xml.getAttributeValue(null, "name"))) {
                            spec = fileName(xml.getAttributeValue(null, "value"));
                        }
                    }
                    case "testcase" -> {
                        caseName = xml.getAttributeValue(null, "name");
                        caseStatus = Status.PASSED;
                    }
                    case "failure" -> caseStatus = Status.FAILED;
                    case "skipped" -> caseStatus = Status.SKIPPED;
                    case "error", "rerunFailure", "flakyFailure" -> problem(file + ": unexpected <"
                            + xml.getLocalName() + "> in " + caseName);
                    default -> {
                        // properties, system-out: nothing to count
                    }
                }
            } else if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("testcase")) {
                if (spec == null) {
                    problem(file + ": no spec.file property before its test cases");
                    return;
                }
                Matcher row = JUNIT_ROW.matcher(caseName);
                add(row.matches() ? new Key(spec, row.group(1), Integer.parseInt(row.group(2)) - 1)
                        : new Key(spec, caseName, -1), caseStatus);
                counted[0]++;
                counted[1] += caseStatus == Status.FAILED ? 1 : 0;
                counted[2] += caseStatus == Status.SKIPPED ? 1 : 0;
            }
        }
        if (declared == null || declared[0] != counted[0] || declared[1] != counted[1] || declared[2] != counted[2]) {
            problem(file + ": <testsuite> says tests/failures/skipped " + (declared == null ? "nothing"
                    : declared[0] + "/" + declared[1] + "/" + declared[2]) + " but holds " + counted[0] + "/"
                    + counted[1] + "/" + counted[2]);
        }
    }

    private static int intAttribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    // ------------------------------------------------------------------ event log

    /** What the event log's suite result says, beside the results. */
    record SuiteTotals(int scenarios, int failed, int skipped) {
    }

    SuiteTotals eventLogSuite;
    /** The serialized size of the event log's scenario endings: the suite's results in their most compact form. */
    long scenarioEndingBytes;
    /** The serialized size of the event log's suite result. */
    long suiteResultBytes;

    /**
     * The host's event log, record by record: each {@code ScenarioExecutionEnding} is one result (its spec from the
     * execution info, its row from a table-driven scenario item); the log must read to its end and hold the suite
     * result.
     */
    static ReportedResults eventLog(Path log) throws IOException {
        ReportedResults r = new ReportedResults("event log " + log);
        try (EventLogReader reader = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = reader.next()) != null) {
                if (rec.event() instanceof ScenarioExecutionEndingRequest e) {
                    r.scenarioEnding(e);
                } else if (rec.event() instanceof dev.stepwise.proto.SpecExecutionEndingRequest) {
                    r.specs++;
                } else if (rec.event() instanceof SuiteExecutionResult s) {
                    var suite = s.getSuiteResult();
                    int scenarios = 0;
                    int failed = 0;
                    int skipped = 0;
                    for (var spec : suite.getSpecResultsList()) {
                        scenarios += spec.getScenarioCount();
                        failed += spec.getScenarioFailedCount();
                        skipped += spec.getScenarioSkippedCount();
                    }
                    r.eventLogSuite = new SuiteTotals(scenarios, failed, skipped);
                    r.suiteResultBytes = s.getSerializedSize();
                }
            }
            if (reader.truncated() != null) {
                r.problem(reader.truncated());
            }
        }
        if (r.eventLogSuite == null) {
            r.problem("no suite result");
        }
        return r;
    }

    private void scenarioEnding(ScenarioExecutionEndingRequest e) {
        scenarioEndingBytes += e.getSerializedSize();
        String spec = fileName(e.getCurrentExecutionInfo().getCurrentSpec().getFileName());
        ProtoItem item = e.getScenarioResult().getProtoItem();
        ProtoScenario scenario;
        int row = -1;
        if (item.getItemType() == ProtoItem.ItemType.TableDrivenScenario) {
            scenario = item.getTableDrivenScenario().getScenario();
            row = item.getTableDrivenScenario().getTableRowIndex();
        } else {
            scenario = item.getScenario();
        }
        if (e.getCurrentExecutionInfo().getCurrentScenario().getRetries().getCurrentRetry() != 0) {
            problem(spec + " / " + scenario.getScenarioHeading() + ": a retry, but the suite has none");
        }
        Status status = scenario.getFailed() ? Status.FAILED
                : scenario.getSkipped() || scenario.getExecutionStatus() == ExecutionStatus.SKIPPED ? Status.SKIPPED
                : Status.PASSED;
        add(new Key(spec, scenario.getScenarioHeading(), row), status);
    }

    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
