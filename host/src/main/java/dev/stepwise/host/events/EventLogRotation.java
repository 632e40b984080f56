package dev.stepwise.host.events;

import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.plugins.PluginSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the events folder from growing without end: each run keeps the event logs of the last N runs
 * ({@value #SETTING}, default {@value #DEFAULT_KEEP}; 0 keeps every log) and deletes older ones.
 *
 * <p>Only files named as runs name their logs ({@code yyyyMMdd-HHmmss-SSS[-N].log}) are considered, newest first by
 * that name; anything else in the folder (a merged log, notes) is never touched. Never deleted, whatever their age:
 * <ul>
 *   <li>the log {@code latest} names (what {@code run --failed}, {@code report --from latest} and
 *       {@code --shard-durations latest} read next);</li>
 *   <li>the logs the caller protects: the run's own log and any log it read ({@code --failed},
 *       {@code --shard-durations}), so a rerun that dies at start-up can be retried from the same log;</li>
 *   <li>a log still being written by a live process ({@link EventLog#inProgress}), e.g. a concurrent run.</li>
 * </ul>
 * A log that cannot be deleted (another process holds it open on Windows) is reported and left for the next run.
 * {@code stepwise report --from LOG} reads a log through one open file, so on POSIX systems a concurrent rotation
 * cannot cut a replay short.
 */
public final class EventLogRotation {
    /** The env property or OS variable that sets how many runs' logs are kept. */
    public static final String SETTING = "stepwise_keep_event_logs";
    /** Enough for {@code --failed} and a look back at the last few runs, without growing a CI workspace forever. */
    public static final int DEFAULT_KEEP = 10;

    private static final Pattern RUN_LOG = Pattern.compile("(\\d{8}-\\d{6}-\\d{3})(?:-(\\d+))?\\.log");

    private EventLogRotation() {
    }

    /**
     * @param deleted  the logs deleted
     * @param problems logs that should have gone but could not be deleted, each with the reason
     */
    public record Result(List<Path> deleted, List<String> problems) {
        public Result {
            deleted = List.copyOf(deleted);
            problems = List.copyOf(problems);
        }
    }

    /**
     * How many runs' logs to keep: {@value #SETTING} from the OS environment or the project's env properties.
     *
     * @throws ConfigException naming the value and where it was set, if it is not a whole number of 0 or more
     */
    public static int keep(Map<String, String> osEnv, ProjectConfig config) {
        String value = PluginSettings.setting(osEnv, config, SETTING);
        if (value == null || value.isBlank()) {
            return DEFAULT_KEEP;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative number
        }
        throw new ConfigException(SETTING + " must be the number of runs whose event logs are kept (a whole number, "
                + "0 keeps every log), got '" + value + "' (set in " + PluginSettings.source(osEnv, config, SETTING)
                + ")");
    }

    /** True for the names runs give their logs ({@link EventLog#create}). */
    static boolean isRunLog(String fileName) {
        return RUN_LOG.matcher(fileName).matches();
    }

    /** Newest first: by the time in the name, then by the suffix a second log of the same millisecond gets. */
    static final Comparator<Path> NEWEST_FIRST = Comparator.<Path, String>comparing(p -> part(p, 1))
            .thenComparingLong(p -> {
                String suffix = part(p, 2);
                return suffix == null ? 0 : Long.parseLong(suffix);
            }).reversed();

    private static String part(Path log, int group) {
        Matcher m = RUN_LOG.matcher(log.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a run's event log: " + log);
        }
        return m.group(group);
    }

    /**
     * Deletes the run logs in {@code eventsDir} beyond the {@code keep} newest, except the protected ones (above).
     * Does nothing when {@code keep} is 0. Never throws: a folder that cannot be listed is a problem in the result.
     *
     * @param protectedLogs logs to keep whatever their age (the run's own, those it read)
     */
    public static Result rotate(Path eventsDir, int keep, Collection<Path> protectedLogs) {
        if (keep <= 0 || !Files.isDirectory(eventsDir)) {
            return new Result(List.of(), List.of());
        }
        List<Path> logs;
        try (Stream<Path> s = Files.list(eventsDir)) {
            logs = s.filter(p -> isRunLog(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted(NEWEST_FIRST).toList();
        } catch (IOException e) {
            return new Result(List.of(), List.of("could not list " + eventsDir + " to delete old event logs (" + e
                    + ")"));
        }
        Set<Path> kept = new HashSet<>();
        protectedLogs.forEach(p -> kept.add(p.toAbsolutePath().normalize()));
        try {
            kept.add(EventLog.latest(eventsDir).toAbsolutePath().normalize());
        } catch (IOException e) {
            // no latest yet: nothing to protect
        }
        List<Path> deleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path log : logs.subList(Math.min(keep, logs.size()), logs.size())) {
            if (kept.contains(log.toAbsolutePath().normalize()) || EventLog.inProgress(log)) {
                continue;
            }
            try {
                EventLog.delete(log);
                deleted.add(log);
            } catch (IOException | SecurityException e) {
                problems.add("could not delete the old event log " + log + " (" + e + "); it is tried again on the"
                        + " next run");
            }
        }
        return new Result(deleted, problems);
    }
}
