package dev.stepwise.host.events;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.execution.ExecutionEvents;
import dev.stepwise.host.launch.RunnerOutput;
import dev.stepwise.host.plugins.PluginDescriptor;
import dev.stepwise.host.plugins.PluginException;
import dev.stepwise.host.plugins.PluginLauncher;
import dev.stepwise.host.plugins.PluginSettings;
import dev.stepwise.host.plugins.PluginTarget;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reports.HtmlReporter;
import dev.stepwise.reports.JUnitXmlReporter;
import dev.stepwise.reports.JsonReporter;
import dev.stepwise.reports.internal.ReportFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Everything that listens to one run: the event log, the built-in reports and the manifest's reporter plugins,
 * behind one {@link ExecutionEvents} for the orchestrator. Built once per run; {@link #close()} ends it (Kill,
 * grace, force-kill) and {@link #exitCode(int)} folds reporter failures into the run's exit code.
 */
public final class Reporting implements AutoCloseable {

    /**
     * @param builtIns            write the JUnit XML, JSON and HTML reports ({@code --no-reports} or
     *                            {@code stepwise_builtin_reports=false} turn them off)
     * @param allowPluginFailures a failed reporter leaves the exit code alone ({@code --allow-plugin-failures} or
     *                            {@code stepwise_allow_plugin_failures=true})
     */
    public record Options(boolean builtIns, boolean allowPluginFailures) {
        /** The command-line flags, then the OS environment and the project's env properties. */
        public static Options resolve(boolean noReports, boolean allowFailures, Map<String, String> osEnv,
                                      ProjectConfig config) {
            String builtIns = PluginSettings.setting(osEnv, config, "stepwise_builtin_reports");
            String allow = PluginSettings.setting(osEnv, config, "stepwise_allow_plugin_failures");
            return new Options(!noReports && (builtIns == null || !builtIns.strip().equalsIgnoreCase("false")),
                    allowFailures || (allow != null && allow.strip().equalsIgnoreCase("true")));
        }
    }

    private final Options options;
    private final Path reportsDir;
    private final EventLog log;
    private final FanOut fanOut;
    private final GaugeEventStream events;
    private final List<String> targetNames;
    private final List<String> warnings = new ArrayList<>();

    private Reporting(Options options, Path reportsDir, EventLog log, FanOut fanOut, GaugeEventStream events,
                      List<String> targetNames) {
        this.options = options;
        this.reportsDir = reportsDir;
        this.log = log;
        this.fanOut = fanOut;
        this.events = events;
        this.targetNames = targetNames;
    }

    /** The reports folder: {@code gauge_reports_dir} under the project root. */
    public static Path reportsDir(ProjectConfig config) {
        return config.root().resolve(config.env().get("gauge_reports_dir", "reports")).normalize();
    }

    /** The three built-in reports as named targets, in {@code dir}. */
    public static List<ListenerTarget> builtIns(Path dir, Optional<Path> screenshots, List<String> which) {
        List<ListenerTarget> out = new ArrayList<>();
        for (String w : which) {
            ReporterListener l = switch (w.toLowerCase(Locale.ROOT)) {
                case "junit", "xml" -> new JUnitXmlReporter(dir.resolve("xml-report"));
                case "json" -> new JsonReporter(dir.resolve("json-report").resolve("report.ndjson"));
                case "html" -> new HtmlReporter(dir.resolve("html-report").resolve("index.html"), screenshots);
                default -> throw new IllegalArgumentException("Unknown built-in report '" + w
                        + "': use html, junit or json");
            };
            out.add(new ListenerTarget("built-in " + w.toLowerCase(Locale.ROOT), l));
        }
        return out;
    }

    public static Optional<Path> screenshotsDir(ProjectConfig config) {
        String s = config.env().get("gauge_screenshots_dir", "");
        return s.isBlank() ? Optional.empty() : Optional.of(config.root().resolve(s));
    }

    /**
     * Opens the event log, starts the plugins (in parallel) and the built-in reports. A plugin that cannot be found
     * or started is a reporter failure, not a reason to stop the run.
     *
     * @param tags the {@code --tags} expression, or empty
     */
    public static Reporting start(ProjectConfig config, Options options, Map<String, String> osEnv,
                                  RunnerOutput pluginOutput, String tags) {
        PluginSettings settings = PluginSettings.load(osEnv, config);
        Path reports = reportsDir(config);
        List<EventTarget> targets = new ArrayList<>();
        List<TargetFailure> early = new ArrayList<>();
        if (options.builtIns()) {
            targets.addAll(builtIns(reports, screenshotsDir(config), List.of("junit", "json", "html")));
        }
        PluginLauncher launcher = new PluginLauncher(osEnv, pluginOutput, settings);
        List<CompletableFuture<Object>> starting = new ArrayList<>();
        for (String id : config.manifest().plugins()) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    PluginDescriptor d = launcher.locate(id, "execution");
                    return new PluginTarget(launcher.start(d, launcher.reporterEnvironment(config, d)),
                            settings.callTimeout(), settings.killTimeout());
                } catch (ConfigException | PluginException e) {
                    return new TargetFailure("plugin " + id, "start", e.getMessage(), List.of());
                }
            }));
        }
        for (CompletableFuture<Object> f : starting) {
            Object o = f.join();
            if (o instanceof PluginTarget t) {
                targets.add(t);
            } else {
                early.add((TargetFailure) o);
            }
        }
        List<String> warnings = new ArrayList<>();
        FanOut fanOut = new FanOut(targets, settings.queueCapacity(), settings.callTimeout(),
                settings.callTimeout().plus(settings.killTimeout()).plus(Duration.ofSeconds(5)), f -> { });
        early.forEach(fanOut::report);
        EventLog log = null;
        try {
            log = EventLog.create(reports.resolve("events"), Clock.systemUTC().instant());
        } catch (IOException e) {
            warnings.add("the event log could not be created under " + reports.resolve("events") + " (" + e
                    + "): this run has no event log, so `stepwise run --failed` and `stepwise report --from` cannot "
                    + "use it");
        }
        // Streams of a parallel run emit concurrently: one lock keeps the log and every reporter in the same order.
        EventSink sink = EventSink.serialized(log == null ? fanOut : EventSink.both(log, fanOut));
        String env = String.join(",", config.env().names());
        GaugeEventStream stream = new GaugeEventStream(sink, env, tags == null ? "" : tags, Clock.systemUTC());
        Reporting r = new Reporting(options, reports, log, fanOut, stream,
                targets.stream().map(EventTarget::name).toList());
        r.warnings.addAll(warnings);
        return r;
    }

    public ExecutionEvents events() {
        return events;
    }

    public Optional<Path> eventLog() {
        return log == null ? Optional.empty() : Optional.of(log.file());
    }

    /**
     * Why the event log stopped before the end of the run (a write error), if it did, e.g. {@code IOException: No space
     * left on device; the disk is full: free space on it}; known after {@link #close()}.
     */
    public Optional<String> eventLogFailure() {
        if (log == null || log.failure() == null) {
            return Optional.empty();
        }
        IOException failure = log.failure();
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return Optional.of(ReportFile.isDiskFull(failure) ? reason + "; the disk is full: free space on it" : reason);
    }

    public Path reportsDir() {
        return reportsDir;
    }

    public boolean builtIns() {
        return options.builtIns();
    }

    /** Who listened: "built-in html", "plugin x 1.0.0", ... */
    public List<String> targets() {
        return targetNames;
    }

    /** Ends every reporter (drain, Kill, grace, force-kill) and closes the log. */
    @Override
    public void close() {
        try {
            fanOut.close();
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }

    public List<TargetFailure> failures() {
        return fanOut.failures();
    }

    /** Problems that are not reporter failures (the event log). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The run's exit code: a reporter failure turns a passing run's 0 into 1, unless failures are allowed. Gauge's
     * other codes (1, 2, 3) are kept as they are.
     */
    public int exitCode(int suiteExit) {
        if (suiteExit == 0 && !failures().isEmpty() && !options.allowPluginFailures()) {
            return 1;
        }
        return suiteExit;
    }

    public boolean allowPluginFailures() {
        return options.allowPluginFailures();
    }
}
