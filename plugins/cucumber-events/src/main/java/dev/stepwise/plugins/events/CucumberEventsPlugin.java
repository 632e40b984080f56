package dev.stepwise.plugins.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.Failure;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioStarting;
import dev.stepwise.reporter.event.SpecInfo;
import dev.stepwise.reporter.event.SpecStarting;
import dev.stepwise.reporter.event.StepFinished;
import dev.stepwise.reporter.event.StepResult;
import dev.stepwise.reporter.event.StepStarting;
import dev.stepwise.reporter.event.SuiteResultReady;
import dev.stepwise.reporter.event.SuiteStarting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Gauge reporter plugin {@code stepwise-cucumber-events}: the Cucumber Event Protocol (seed 001). Every event
 * is one JSON line with {@code type}, {@code timestamp} (epoch ms) and {@code series} (one random UUID per run),
 * usable as a Redux action. Events: start, source (per spec, its Gauge text), test-case-started,
 * test-step-started, attachment (embedded base64 or text, or linked by uri when too big), test-step-finished,
 * test-case-finished, finish.
 *
 * <p>Transports (environment): {@code cucumber_events_file} (a path, relative to the project root; "-" or
 * unset with no TCP consumer means stdout) and {@code cucumber_events_tcp=host:port} (a consumer listening on a
 * raw socket). A transport that fails is reported once on stderr and dropped; the run goes on.
 */
public final class CucumberEventsPlugin implements ReporterListener {
    static final long EMBED_LIMIT = 1024 * 1024;
    private final JsonFactory json = new JsonFactory();
    private final List<Transport> transports;
    private final String series = UUID.randomUUID().toString();
    private final Path projectRoot;
    private final Path screenshotsDir;
    private final Set<String> sources = new HashSet<>();

    CucumberEventsPlugin(List<Transport> transports, Path projectRoot, Path screenshotsDir) {
        this.transports = new ArrayList<>(transports);
        this.projectRoot = projectRoot;
        this.screenshotsDir = screenshotsDir;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("GAUGE_PROJECT_ROOT", ".")).toAbsolutePath();
        Path shots = Path.of(env.getOrDefault("gauge_screenshots_dir", root.resolve(".gauge/screenshots").toString()));
        List<Transport> transports = new ArrayList<>();
        String file = env.getOrDefault("cucumber_events_file", "").trim();
        String tcp = env.getOrDefault("cucumber_events_tcp", "").trim();
        if (!tcp.isEmpty()) {
            int colon = tcp.lastIndexOf(':');
            if (colon <= 0) {
                System.err.println("cucumber_events_tcp must be host:port, was '" + tcp + "'");
                System.exit(1);
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(tcp.substring(0, colon), Integer.parseInt(tcp.substring(colon + 1))),
                        10_000);
                transports.add(new Transport("tcp " + tcp, socket.getOutputStream(), socket));
            } catch (IOException | NumberFormatException e) {
                System.err.println("cucumber-events: cannot reach the consumer at " + tcp + " (" + e.getMessage()
                        + "); events go to the other transports");
                socket.close();
            }
        }
        if (!file.isEmpty() && !file.equals("-")) {
            Path path = root.resolve(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            transports.add(new Transport("file " + path, Files.newOutputStream(path), null));
        } else if (file.equals("-") || tcp.isEmpty()) {
            // stdout after the handshake line; Gauge shows a plugin's stdout in its log.
            transports.add(new Transport("stdout", System.out, null));
        }
        System.exit(ReporterPlugin.serve(new CucumberEventsPlugin(transports, root, shots)));
    }

    /** One destination; after its first failure it is reported once and dropped. */
    static final class Transport {
        final String name;
        final OutputStream out;
        final AutoCloseable resource;

        Transport(String name, OutputStream out, AutoCloseable resource) {
            this.name = name;
            this.out = out;
            this.resource = resource;
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private void emit(String type, Instant at, Body body) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = json.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeNumberField("timestamp", at.toEpochMilli());
            g.writeStringField("series", series);
            body.write(g);
            g.writeEndObject();
        }
        byte[] line = (w + "\n").getBytes(StandardCharsets.UTF_8);
        for (Transport t : List.copyOf(transports)) {
            try {
                t.out.write(line);
                t.out.flush();
            } catch (IOException e) {
                System.err.println("cucumber-events: the consumer on " + t.name + " went away (" + e.getMessage()
                        + "); no more events go there, the run goes on");
                transports.remove(t);
                closeQuietly(t);
            }
        }
    }

    private static void closeQuietly(Transport t) {
        try {
            if (t.resource != null) {
                t.resource.close();
            } else if (t.out != System.out) {
                t.out.close();
            }
        } catch (Exception ignored) {
            // already gone
        }
    }

    private String uri(String fileName) {
        Path p = Path.of(fileName).toAbsolutePath().normalize();
        return p.startsWith(projectRoot) ? projectRoot.relativize(p).toString().replace('\\', '/') : fileName;
    }

    @Override
    public void onSuiteStarting(SuiteStarting event) throws IOException {
        if (!event.hooksDone()) {
            emit("start", event.receivedAt(), g -> { });
        }
    }

    @Override
    public void onSpecStarting(SpecStarting event) throws IOException {
        SpecInfo spec = event.spec();
        if (event.hooksDone() || !sources.add(spec.fileName())) {
            return;
        }
        String data;
        try {
            data = Files.readString(Path.of(spec.fileName()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            data = null;
        }
        String text = data;
        emit("source", event.receivedAt(), g -> {
            g.writeStringField("contentType", "text/x.gauge.spec+markdown");
            g.writeStringField("uri", uri(spec.fileName()));
            if (text != null) {
                g.writeStringField("data", text);
                g.writeStringField("dataEncoding", "utf-8");
            } else {
                g.writeNullField("data");
            }
        });
    }

    private void scenarioFields(JsonGenerator g, SpecInfo spec, String name, int attempt) throws IOException {
        g.writeStringField("uri", uri(spec.fileName()));
        g.writeStringField("name", name);
        g.writeNumberField("attempt", attempt);
    }

    @Override
    public void onScenarioStarting(ScenarioStarting event) throws IOException {
        if (event.hooksDone()) {
            return;
        }
        emit("test-case-started", event.receivedAt(), g -> {
            scenarioFields(g, event.spec(), event.scenario().name(), event.scenario().currentRetry());
            g.writeArrayFieldStart("tags");
            for (String t : event.scenario().tags()) {
                g.writeString(t);
            }
            g.writeEndArray();
        });
    }

    @Override
    public void onStepStarting(StepStarting event) throws IOException {
        if (event.hooksDone()) {
            return;
        }
        emit("test-step-started", event.receivedAt(), g -> {
            scenarioFields(g, event.spec(), event.scenario().name(), event.scenario().currentRetry());
            g.writeStringField("text", event.step().actualText());
        });
    }

    @Override
    public void onStepFinished(StepFinished event) throws IOException {
        StepResult r = event.result();
        for (String m : r.messages()) {
            attachment(event, "text/plain", null, m, "utf-8");
        }
        for (String file : r.screenshotFiles()) {
            Path p = Path.of(file).isAbsolute() ? Path.of(file) : screenshotsDir.resolve(file);
            String type = file.toLowerCase().endsWith(".png") ? "image/png" : "application/octet-stream";
            if (Files.isRegularFile(p) && Files.size(p) <= EMBED_LIMIT) {
                attachment(event, type, p.toUri().toString(),
                        Base64.getEncoder().encodeToString(Files.readAllBytes(p)), "base64");
            } else {
                attachment(event, type, p.toUri().toString(), null, null); // linked: the consumer fetches the uri
            }
        }
        Failure f = r.failure().or(r::beforeHookFailure).or(r::afterHookFailure).orElse(null);
        if (f != null && !f.stackTrace().isBlank()) {
            attachment(event, "text/plain+java-stacktrace", null, f.stackTrace(), "utf-8");
        }
        emit("test-step-finished", event.receivedAt(), g -> {
            scenarioFields(g, event.spec(), event.scenario().name(), event.scenario().currentRetry());
            g.writeStringField("text", event.step().actualText());
            g.writeObjectFieldStart("result");
            g.writeStringField("status", f != null ? "failed" : r.status().name().toLowerCase());
            g.writeNumberField("duration", r.duration().toMillis());
            if (f != null) {
                g.writeStringField("exception", f.message());
            }
            g.writeEndObject();
        });
    }

    private void attachment(StepFinished event, String contentType, String uri, String data, String encoding)
            throws IOException {
        emit("attachment", event.receivedAt(), g -> {
            g.writeObjectFieldStart("source");
            g.writeStringField("uri", uri(event.spec().fileName()));
            g.writeNullField("startLine");
            g.writeNullField("startColumn");
            g.writeNullField("endLine");
            g.writeNullField("endColumn");
            g.writeEndObject();
            g.writeStringField("contentType", contentType);
            if (uri != null) {
                g.writeStringField("uri", uri);
            }
            if (data != null) {
                g.writeStringField("data", data);
                g.writeStringField("dataEncoding", encoding);
            } else {
                g.writeNullField("data");
            }
        });
    }

    @Override
    public void onScenarioFinished(ScenarioFinished event) throws IOException {
        emit("test-case-finished", event.receivedAt(), g -> {
            scenarioFields(g, event.spec(), event.scenario().name(), event.scenario().currentRetry());
            g.writeObjectFieldStart("result");
            g.writeStringField("status", event.result().status().name().toLowerCase());
            g.writeNumberField("duration", event.result().duration().toMillis());
            g.writeEndObject();
            event.result().span().ifPresent(s -> {
                try {
                    g.writeNumberField("line", s.start());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        });
    }

    @Override
    public void onSuiteResult(SuiteResultReady event) throws IOException {
        emit("finish", event.receivedAt(), g -> g.writeStringField("status",
                event.result().status().name().toLowerCase()));
    }

    @Override
    public void close() {
        for (Transport t : transports) {
            closeQuietly(t);
        }
    }
}
