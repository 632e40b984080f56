package dev.stepwise.host.cli;

import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.EventTarget;
import dev.stepwise.host.events.FanOut;
import dev.stepwise.host.events.Replay;
import dev.stepwise.host.events.Reporting;
import dev.stepwise.host.events.TargetFailure;
import dev.stepwise.host.plugins.PluginDescriptor;
import dev.stepwise.host.plugins.PluginLauncher;
import dev.stepwise.host.plugins.PluginSettings;
import dev.stepwise.host.plugins.PluginTarget;
import dev.stepwise.reports.ReportFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stepwise report}: rebuild reports from a recorded event log, without running the suite. */
@Command(name = "report", description = {
        "Replay a run's event log to reporters: rebuild a report without running the suite again.",
        "  stepwise report --from latest                     # the three built-in reports",
        "  stepwise report --from reports/events/X.log --plugin html-report --builtin junit"})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    Main.ProjectOptions common;

    @Option(names = "--from", required = true, paramLabel = "LOG",
            description = "The event log (reports/events/*.log), or 'latest'.")
    String from;

    @Option(names = "--plugin", paramLabel = "ID", description = "A reporter plugin to replay to (repeatable).")
    List<String> plugins = new ArrayList<>();

    @Option(names = "--builtin", paramLabel = "html|junit|json", split = ",",
            description = "A built-in report to rebuild (repeatable). Default, without --plugin: all three.")
    List<String> builtins = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where built-in reports go. Default: the project's reports folder (gauge_reports_dir).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Main.Resolved r = common.resolve(List.of());
        ProjectConfig config = r.config();
        PrintStream console = Main.Context.OUT.get();
        var env = Main.Context.ENV.get();
        Path reports = Reporting.reportsDir(config);
        Path log = from.equals("latest") ? EventLog.latest(reports.resolve("events"))
                : Path.of(from).toAbsolutePath().normalize();
        if (!Files.isRegularFile(log)) {
            throw new IllegalArgumentException("No event log at " + log + ". Runs write them to "
                    + reports.resolve("events") + "; give one with --from, or --from latest.");
        }
        List<String> which = builtins.isEmpty() && plugins.isEmpty() ? List.of("html", "junit", "json") : builtins;
        which.forEach(Reporting::builtIn); // an unknown name is refused before any folder is made
        Path outDir = out == null ? reports : out.toAbsolutePath().normalize();
        // overwrite_reports applies to a rebuild as to a run: false gives the rebuilt reports a new folder.
        ReportFolders folders = Reporting.reportFolders(outDir, Reporting.overwriteReports(config), which);
        List<EventTarget> targets = new ArrayList<>(Reporting.builtIns(folders, Reporting.screenshotsDir(config),
                which));
        PluginSettings settings = PluginSettings.load(env, config);
        PluginLauncher launcher = new PluginLauncher(env, (level, message, stderr) -> {
            if (common.verbose) {
                console.println(message);
            }
        }, settings);
        List<TargetFailure> startFailures = new ArrayList<>();
        for (String id : plugins) {
            try {
                PluginDescriptor d = launcher.locate(id, "execution");
                targets.add(new PluginTarget(launcher.start(d, launcher.reporterEnvironment(config, d)),
                        settings.callTimeout(), settings.killTimeout()));
            } catch (RuntimeException e) {
                startFailures.add(new TargetFailure("plugin " + id, "start", e.getMessage(), List.of()));
            }
        }
        FanOut fanOut = new FanOut(targets, settings.queueCapacity(), settings.callTimeout(),
                settings.callTimeout().plus(settings.killTimeout()).plus(Duration.ofSeconds(5)), f -> { });
        startFailures.forEach(fanOut::report);
        Replay.Result result;
        try {
            result = Replay.replay(log, fanOut);
        } finally {
            fanOut.close();
        }
        console.println("Replayed " + result.events() + " events from " + log + " to "
                + String.join(", ", targets.stream().map(EventTarget::name).toList()) + ".");
        if (result.truncated() != null) {
            console.println("warning: " + result.truncated() + "; reports were built from what was recorded.");
        }
        if (!which.isEmpty()) {
            console.println("Built-in reports: " + String.join(", ", which.stream()
                    .map(w -> folders.location(Reporting.builtIn(w)).toString()).toList()));
        }
        fanOut.failures().forEach(f -> console.println("Reporter failed: " + f.describe()));
        return fanOut.failures().isEmpty() ? 0 : 1;
    }
}
