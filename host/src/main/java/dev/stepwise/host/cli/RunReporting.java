package dev.stepwise.host.cli;

import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.events.Reporting;
import dev.stepwise.host.events.TargetFailure;
import dev.stepwise.host.launch.RunnerOutput;
import dev.stepwise.reports.ReportFolders;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What {@code stepwise run} adds around the orchestrator: start the reporters, then say what they wrote. */
final class RunReporting {
    private RunReporting() {
    }

    /** @param logsRead earlier event logs the run read ({@code --failed}, {@code --shard-durations}) */
    static Reporting start(ProjectConfig config, ReportOptions flags, Map<String, String> env, RunnerOutput output,
                           String tags, List<Path> logsRead) {
        return Reporting.start(config, Reporting.Options.resolve(flags.noReports, flags.allowPluginFailures, env,
                config), env, output, tags, logsRead);
    }

    /** Closes the reporters (Kill, grace), prints where the reports are and any failures; returns the exit code. */
    static int finish(Reporting reporting, int suiteExit, ProjectConfig config, PrintStream out) {
        reporting.close();
        Path root = config.root();
        if (reporting.builtIns()) {
            // Only reports whose writer never failed are presented; a failed one is named as not complete.
            ReportFolders folders = reporting.reportFolders();
            Set<String> failed = new HashSet<>();
            reporting.failures().forEach(f -> failed.add(f.target()));
            Map<String, String> reports = new LinkedHashMap<>();
            reports.put("built-in html", rel(root, folders.location(ReportFolders.Report.HTML)));
            reports.put("built-in junit", rel(root, folders.location(ReportFolders.Report.JUNIT)) + "/");
            reports.put("built-in json", rel(root, folders.location(ReportFolders.Report.JSON)));
            List<String> written = new ArrayList<>();
            List<String> notWritten = new ArrayList<>();
            reports.forEach((target, path) -> (failed.contains(target) ? notWritten : written).add(path));
            if (!written.isEmpty()) {
                out.println("Reports: " + String.join(", ", written));
            }
            if (!notWritten.isEmpty()) {
                out.println("error: reports NOT written or incomplete (their writer failed, see below): "
                        + String.join(", ", notWritten) + ". The results above are complete.");
            }
        }
        reporting.eventLog().ifPresent(l -> out.println(reporting.eventLogFailure().isPresent()
                ? "error: the event log " + rel(root, l) + " is INCOMPLETE (writing stopped: "
                        + reporting.eventLogFailure().get() + "); it holds the run up to that point"
                : "Event log: " + rel(root, l) + "  (rebuild reports: stepwise report --from " + rel(root, l) + ")"));
        reporting.warnings().forEach(w -> out.println("warning: " + w));
        for (TargetFailure f : reporting.failures()) {
            out.println("Reporter failed: " + f.describe());
        }
        int exit = reporting.exitCode(suiteExit);
        if (!reporting.failures().isEmpty()) {
            out.println(exit != suiteExit
                    ? "Exit code " + exit + " because a reporter failed (--allow-plugin-failures keeps it at "
                            + suiteExit + ")."
                    : "Reporter failures do not change the exit code (" + (reporting.allowPluginFailures()
                            ? "allowed" : "the run already failed") + ").");
        }
        return exit;
    }

    private static String rel(Path root, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
