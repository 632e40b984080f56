package dev.stepwise.plugins.publisher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.ExecutedItem;
import dev.stepwise.reporter.event.ScenarioFinished;
import dev.stepwise.reporter.event.ScenarioResult;
import dev.stepwise.reporter.event.Status;
import dev.stepwise.reporter.event.SuiteStarting;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Gauge reporter plugin {@code stepwise-results-publisher}: the Cucumber results protocol over WebSocket (seed
 * 000). Connects to {@code cucumber_results_url} (token from {@code CUCUMBER_RESULTS_TOKEN}, sent as the
 * {@code token} query parameter, never logged), sends the header, then one record per scenario's final result
 * and, per screenshot, a record without body followed by one binary message. Sends back to back; at the end waits
 * (bounded by {@code cucumber_results_timeout_ms}, default 30000) for one reply per message. A reply with
 * {@code error}, a lost connection or a missing reply fails the plugin (exit status 1) with that message.
 * Without {@code cucumber_results_url} it does nothing.
 */
public final class ResultsPublisherPlugin implements ReporterListener {
    static final String MIME = "application/vnd.cucumber.test-case-result+json";
    private static final JsonFactory JSON = new JsonFactory();

    private final String url;
    private final String token;
    private final Path projectRoot;
    private final Path screenshotsDir;
    private final Duration timeout;
    private final String suite;
    private Connection connection;
    private Git git;

    ResultsPublisherPlugin(String url, String token, Path projectRoot, Path screenshotsDir, Duration timeout,
                           String suite) {
        this.url = url;
        this.token = token;
        this.projectRoot = projectRoot;
        this.screenshotsDir = screenshotsDir;
        this.timeout = timeout;
        this.suite = suite;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("GAUGE_PROJECT_ROOT", ".")).toAbsolutePath().normalize();
        Path shots = Path.of(env.getOrDefault("gauge_screenshots_dir", root.resolve(".gauge/screenshots").toString()));
        String environment = env.getOrDefault("gauge_environment", "default");
        System.exit(ReporterPlugin.serve(new ResultsPublisherPlugin(env.getOrDefault("cucumber_results_url", "").trim(),
                env.getOrDefault("CUCUMBER_RESULTS_TOKEN", ""), root, shots,
                Duration.ofMillis(Long.parseLong(env.getOrDefault("cucumber_results_timeout_ms", "30000").trim())),
                environment.equals("default") ? null : environment)));
    }

    /** The URL without its query, for messages: the token must never be printed. */
    static String redacted(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @Override
    public void onSuiteStarting(SuiteStarting event) throws Exception {
        if (event.hooksDone() || url.isEmpty() || connection != null) {
            return;
        }
        git = Git.of(projectRoot);
        String target = url;
        if (!token.isEmpty()) {
            target += (url.contains("?") ? "&" : "?") + "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        connection = Connection.open(URI.create(target), url, timeout);
        connection.sendText(json(g -> {
            g.writeStringField("repo_url", git.repoUrl());
            g.writeStringField("rev", git.revision());
            g.writeStringField("branch", git.branch());
            byte[] group = new byte[20];
            new SecureRandom().nextBytes(group);
            g.writeStringField("group", HexFormat.of().formatHex(group));
            g.writeObjectFieldStart("info");
            g.writeStringField("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                    + System.getProperty("os.arch") + ")");
            g.writeStringField("os_user", System.getProperty("user.name"));
            g.writeStringField("client_version", "stepwise-results-publisher 0.1.0");
            g.writeStringField("tool_version", "stepwise (Gauge-compatible)");
            g.writeStringField("platform_version", "Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.vendor") + ")");
            g.writeEndObject();
        }));
    }

    @Override
    public void onScenarioFinished(ScenarioFinished event) throws Exception {
        if (connection == null) {
            return;
        }
        ScenarioResult r = event.result();
        boolean retried = r.status() == Status.FAILED && event.scenario().currentRetry() < event.scenario().maxRetries();
        if (retried) {
            return; // only the final attempt is this scenario's result
        }
        String path = git.relativePath(Path.of(event.spec().fileName()));
        long line = r.span().map(s -> s.start()).orElse(1L);
        String status = switch (r.status()) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
        };
        connection.sendText(json(g -> {
            g.writeStringField("path", path);
            g.writeNumberField("location", line);
            g.writeStringField("mime_type", MIME);
            g.writeObjectFieldStart("body");
            g.writeStringField("status", status);
            if (suite != null) {
                g.writeStringField("suite", suite);
            }
            g.writeEndObject();
        }));
        List<String> shots = new ArrayList<>(r.hookScreenshotFiles());
        for (ExecutedItem item : r.allItems()) {
            shots.addAll(item.result().screenshotFiles());
        }
        for (String file : shots) {
            Path p = Path.of(file).isAbsolute() ? Path.of(file) : screenshotsDir.resolve(file);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            String type = file.toLowerCase().endsWith(".png") ? "image/png"
                    : file.toLowerCase().matches(".*\\.jpe?g") ? "image/jpeg" : "application/octet-stream";
            connection.sendText(json(g -> {
                g.writeStringField("path", path);
                g.writeNumberField("location", line);
                g.writeStringField("mime_type", type);
            }));
            connection.sendBinary(Files.readAllBytes(p));
        }
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.finish();
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String json(Fields fields) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        return w.toString();
    }

    /** The {@code error} property of a reply, or null. */
    static String errorOf(String reply) {
        try (JsonParser p = JSON.createParser(reply)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("error") && v != JsonToken.VALUE_NULL) {
                    return v.isStructStart() ? "(structured error " + name + ")" : p.getText();
                }
                p.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            return null; // not JSON: not an error reply
        }
        return null;
    }

    /** The WebSocket: back-to-back sends (chained), replies counted, partial text frames buffered. */
    static final class Connection implements WebSocket.Listener {
        private final String shownUrl;
        private final Duration timeout;
        private final StringBuilder partial = new StringBuilder();
        private final List<String> errors = new ArrayList<>();
        private WebSocket socket;
        private CompletableFuture<WebSocket> sending;
        private int sent;
        private int replies;
        private String lost;

        private Connection(String shownUrl, Duration timeout) {
            this.shownUrl = shownUrl;
            this.timeout = timeout;
        }

        static Connection open(URI uri, String shownUrl, Duration timeout) throws IOException {
            Connection c = new Connection(redacted(shownUrl), timeout);
            try {
                c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                        .buildAsync(uri, c).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IOException("cannot connect to the results service at " + c.shownUrl + ": "
                        + (e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName()));
            }
            c.sending = CompletableFuture.completedFuture(c.socket);
            return c;
        }

        synchronized void sendText(String text) {
            sent++;
            sending = sending.thenCompose(ws -> ws.sendText(text, true));
        }

        synchronized void sendBinary(byte[] data) {
            sent++;
            sending = sending.thenCompose(ws -> ws.sendBinary(ByteBuffer.wrap(data), true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            synchronized (this) {
                partial.append(data);
                if (last) {
                    replies++;
                    String error = errorOf(partial.toString());
                    if (error != null) {
                        errors.add(error);
                    }
                    partial.setLength(0);
                    notifyAll();
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public synchronized CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost = "the results service closed the connection (" + statusCode + " " + reason + ")";
            notifyAll();
            return null;
        }

        @Override
        public synchronized void onError(WebSocket ws, Throwable error) {
            lost = "the connection to the results service was lost: " + error.getClass().getSimpleName();
            notifyAll();
        }

        /** Waits (bounded) for one reply per message, closes, and throws on any error reply or loss. */
        void finish() throws Exception {
            CompletableFuture<WebSocket> pending;
            synchronized (this) {
                pending = sending;
            }
            try {
                pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new IOException("could not send the results to " + shownUrl + ": " + e.getCause());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (this) {
                while (replies < sent && lost == null && System.nanoTime() < deadline) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null)
                    .get(5, TimeUnit.SECONDS);
            synchronized (this) {
                if (!errors.isEmpty()) {
                    throw new IOException("the results service at " + shownUrl + " reported: "
                            + String.join("; ", errors));
                }
                if (replies < sent) {
                    throw new IOException((lost != null ? lost + "; " : "") + "got " + replies + " replies for "
                            + sent + " messages sent to " + shownUrl + " within " + timeout.toMillis() + " ms");
                }
            }
        }
    }

    /** Repository facts from git (a missing git or repository gives empty strings). */
    record Git(Path top, String repoUrl, String revision, String branch) {
        static Git of(Path dir) {
            String top = run(dir, "rev-parse", "--show-toplevel");
            return new Git(top.isEmpty() ? dir : Path.of(top), run(dir, "config", "--get", "remote.origin.url"),
                    run(dir, "rev-parse", "HEAD"), run(dir, "rev-parse", "--abbrev-ref", "HEAD"));
        }

        String relativePath(Path file) {
            Path abs = file.toAbsolutePath().normalize();
            Path t = top.toAbsolutePath().normalize();
            return (abs.startsWith(t) ? t.relativize(abs) : abs).toString().replace('\\', '/');
        }

        private static String run(Path dir, String... args) {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
