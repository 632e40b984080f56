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
import dev.stepwise.host.plugins.StartingPlugin;
import dev.stepwise.reporter.ReporterListener;
import dev.stepwise.reports.ReportFolders;
import dev.stepwise.reports.HtmlReporter;
import dev.stepwise.reports.JUnitXmlReporter;
import dev.stepwise.reports.JsonReporter;
import dev.stepwise.reports.internal.ReportFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
     * @param overwriteReports    Gauge's {@code overwrite_reports}: replace the fixed report folders (true), or give
     *                            each run's built-in reports a new timestamped folder (false)
     * @param keepEventLogs       {@value EventLogRotation#SETTING}: the event logs of this many runs are kept
     *                            (0: all)
     */
    public record Options(boolean builtIns, boolean allowPluginFailures, boolean overwriteReports,
                          int keepEventLogs) {
        /**
         * The command-line flags, then the OS environment and the project's env properties.
         *
         * @throws ConfigException for a value that means nothing, naming where it was set
         */
        public static Options resolve(boolean noReports, boolean allowFailures, Map<String, String> osEnv,
                                      ProjectConfig config) {
            String builtIns = PluginSettings.setting(osEnv, config, "stepwise_builtin_reports");
            String allow = PluginSettings.setting(osEnv, config, "stepwise_allow_plugin_failures");
            return new Options(!noReports && (builtIns == null || !builtIns.strip().equalsIgnoreCase("false")),
                    allowFailures || (allow != null && allow.strip().equalsIgnoreCase("true")),
                    Reporting.overwriteReports(config), EventLogRotation.keep(osEnv, config));
        }
    }

    /**
     * Gauge's {@code overwrite_reports} (default true; the OS environment wins over env properties, as for every
     * property). Gauge's plugins read any value but "true" as false; here anything but true or false is an error, so
     * a typo does not silently start a new folder per run.
     *
     * @throws ConfigException naming the value and where it was set
     */
    public static boolean overwriteReports(ProjectConfig config) {
        String value = config.env().get("overwrite_reports", "true").strip();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException("overwrite_reports must be true (replace the reports of the previous run) or false "
                + "(a new timestamped folder per run), got '" + value + "' (set in "
                + config.env().source("overwrite_reports") + ")");
    }

    private final Options options;
    private final Path reportsDir;
    private final ReportFolders reportFolders;
    private final EventLog log;
    private final FanOut fanOut;
    private final GaugeEventStream events;
    private final List<String> targetNames;
    private final List<String> warnings = new ArrayList<>();

    private Reporting(Options options, Path reportsDir, ReportFolders reportFolders, EventLog log, FanOut fanOut,
                      GaugeEventStream events, List<String> targetNames) {
        this.options = options;
        this.reportsDir = reportsDir;
        this.reportFolders = reportFolders;
        this.log = log;
        this.fanOut = fanOut;
        this.events = events;
        this.targetNames = targetNames;
    }

    /** The reports folder: {@code gauge_reports_dir} under the project root. */
    public static Path reportsDir(ProjectConfig config) {
        return config.root().resolve(config.env().get("gauge_reports_dir", "reports")).normalize();
    }

    /** A built-in report by the name {@code --builtin} takes: html, junit (or xml) or json. */
    public static ReportFolders.Report builtIn(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "junit", "xml" -> ReportFolders.Report.JUNIT;
            case "json" -> ReportFolders.Report.JSON;
            case "html" -> ReportFolders.Report.HTML;
            default -> throw new IllegalArgumentException("Unknown built-in report '" + name
                    + "': use html, junit or json");
        };
    }

    /**
     * Where this run's (or replay's) built-in reports go under {@code dir}: the fixed folders, or with
     * {@code overwrite_reports=false} a new folder per report named after the local time, as Gauge's plugins do.
     */
    public static ReportFolders reportFolders(Path dir, boolean overwrite, List<String> which) {
        return overwrite ? ReportFolders.overwriting(dir)
                : ReportFolders.newRunFolder(dir, ZonedDateTime.now(), which.stream().map(Reporting::builtIn).toList());
    }

    /**
     * The built-in reports named in {@code which} as named targets ("built-in html", ...), in {@code folders}, sharing
     * one sender thread and each event's mapping.
     */
    public static List<ListenerTarget> builtIns(ReportFolders folders, Optional<Path> screenshots, List<String> which) {
        ListenerTarget.Group group = new ListenerTarget.Group("built-in reports");
        List<ListenerTarget> out = new ArrayList<>();
        for (String w : which) {
            ReporterListener l = folders.create(builtIn(w), screenshots);
            out.add(new ListenerTarget("built-in " + w.strip().toLowerCase(Locale.ROOT), l, group));
        }
        return out;
    }

    public static Optional<Path> screenshotsDir(ProjectConfig config) {
        String s = config.env().get("gauge_screenshots_dir", "");
        return s.isBlank() ? Optional.empty() : Optional.of(config.root().resolve(s));
    }

    /**
     * Opens the event log (deleting logs of older runs, see {@link EventLogRotation}), starts the plugins (in
     * parallel) and the built-in reports. A plugin that cannot be found or started is a reporter failure, not a
     * reason to stop the run.
     *
     * @param tags         the {@code --tags} expression, or empty
     * @param logsReadByRun earlier event logs this run read ({@code --failed}, {@code --shard-durations}): kept by
     *                      the rotation whatever their age
     */
    public static Reporting start(ProjectConfig config, Options options, Map<String, String> osEnv,
                                  RunnerOutput pluginOutput, String tags, Collection<Path> logsReadByRun) {
        PluginSettings settings = PluginSettings.load(osEnv, config);
        Path reports = reportsDir(config);
        List<EventTarget> targets = new ArrayList<>();
        List<TargetFailure> early = new ArrayList<>();
        List<String> all = List.of("junit", "json", "html");
        ReportFolders folders = options.builtIns() ? reportFolders(reports, options.overwriteReports(), all)
                : ReportFolders.overwriting(reports);
        if (options.builtIns()) {
            targets.addAll(builtIns(folders, screenshotsDir(config), all));
        }
        PluginLauncher launcher = new PluginLauncher(osEnv, pluginOutput, settings);
        // The plugins start while the runner starts and the specs are parsed; each plugin's first event waits for
        // its start. Not the common pool: a start blocks on the plugin's port line.
        ExecutorService starter = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stepwise-plugin-start");
            t.setDaemon(true);
            return t;
        });
        for (String id : config.manifest().plugins()) {
            PluginDescriptor d;
            try {
                d = launcher.locate(id, "execution");
            } catch (ConfigException | PluginException e) {
                early.add(new TargetFailure("plugin " + id, "start", e.getMessage(), List.of()));
                continue;
            }
            targets.add(new StartingPlugin(d.label(), CompletableFuture.supplyAsync(
                    () -> new PluginTarget(launcher.start(d, launcher.reporterEnvironment(config, d)),
                            settings.callTimeout(), settings.killTimeout()), starter)));
        }
        starter.shutdown();
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
        if (log != null) {
            // Only a run that has its own log rotates: the logs it deletes are never the newest.
            List<Path> keep = new ArrayList<>(logsReadByRun);
            keep.add(log.file());
            warnings.addAll(EventLogRotation.rotate(reports.resolve("events"), options.keepEventLogs(), keep)
                    .problems());
        }
        // Streams of a parallel run emit concurrently: one lock keeps the log and every reporter in the same order.
        EventSink sink = EventSink.serialized(log == null ? fanOut : EventSink.both(log, fanOut));
        String env = String.join(",", config.env().names());
        GaugeEventStream stream = new GaugeEventStream(sink, env, tags == null ? "" : tags, Clock.systemUTC());
        Reporting r = new Reporting(options, reports, folders, log, fanOut, stream,
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

    /** Where the built-in reports of this run are written. */
    public ReportFolders reportFolders() {
        return reportFolders;
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
