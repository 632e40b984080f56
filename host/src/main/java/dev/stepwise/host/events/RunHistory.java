package dev.stepwise.host.events;

import dev.stepwise.proto.ExecutionStatus;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SuiteExecutionResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an earlier run's event log says about its scenarios: which failed (for {@code stepwise run --failed}) and
 * how long each spec and scenario took (for {@code --shard-durations}). Reads the log record by record.
 *
 * <p>A scenario is identified by its spec file, its heading line and its data-table rows. Its result is its
 * <b>last</b> attempt: a scenario that failed and then passed on a retry counts as passed and is not rerun.
 */
public final class RunHistory {
    private RunHistory() {
    }

    /**
     * What {@code --failed} reruns.
     *
     * @param specArgs  {@code file:LINE} for each scenario whose last attempt failed, and {@code file} for each
     *                  failed spec none of whose scenarios failed (parse error, spec hook or data store failure);
     *                  absolute paths as recorded, sorted
     * @param rerunAll  the before-suite hook failed, so nothing ran: everything is rerun
     */
    public record Failed(List<String> specArgs, boolean rerunAll) {
    }

    private record Key(String file, int line, int specRow, int scenarioRow) {
    }

    /** The failures of the run recorded in {@code log}. */
    public static Failed failed(Path log) throws IOException {
        Map<Key, Boolean> lastFailed = new LinkedHashMap<>();
        Set<String> failedSpecs = new TreeSet<>();
        boolean rerunAll = false;
        try (EventLogReader r = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = r.next()) != null) {
                if (rec.event() instanceof ScenarioExecutionEndingRequest e) {
                    String file = e.getCurrentExecutionInfo().getCurrentSpec().getFileName();
                    ProtoItem item = e.getScenarioResult().getProtoItem();
                    ProtoScenario sc = scenario(item);
                    int specRow = item.hasTableDrivenScenario() && item.getTableDrivenScenario().getIsSpecTableDriven()
                            ? item.getTableDrivenScenario().getTableRowIndex() : -1;
                    int scRow = item.hasTableDrivenScenario()
                            && item.getTableDrivenScenario().getIsScenarioTableDriven()
                            ? item.getTableDrivenScenario().getScenarioTableRowIndex() : -1;
                    boolean failed = sc.getExecutionStatus() == ExecutionStatus.FAILED || sc.getFailed();
                    lastFailed.put(new Key(file, (int) sc.getSpan().getStart(), specRow, scRow), failed);
                } else if (rec.event() instanceof SpecExecutionEndingRequest e) {
                    if (e.getSpecResult().getFailed()) {
                        failedSpecs.add(e.getSpecResult().getProtoSpec().getFileName());
                    }
                } else if (rec.event() instanceof SuiteExecutionResult s) {
                    rerunAll = s.getSuiteResult().hasPreHookFailure();
                    for (var spec : s.getSuiteResult().getSpecResultsList()) {
                        if (spec.getFailed() && spec.getScenarioCount() == 0) {
                            failedSpecs.add(spec.getProtoSpec().getFileName());
                        }
                    }
                }
            }
        }
        Map<String, Set<Integer>> lines = new TreeMap<>();
        lastFailed.forEach((k, failed) -> {
            if (failed) {
                lines.computeIfAbsent(k.file(), f -> new TreeSet<>()).add(k.line());
            }
        });
        List<String> args = new ArrayList<>();
        for (String spec : failedSpecs) {
            if (!lines.containsKey(spec)) {
                args.add(spec);
            }
        }
        lines.forEach((file, ls) -> ls.forEach(l -> args.add(file + ":" + l)));
        args.sort(null);
        return new Failed(List.copyOf(args), rerunAll);
    }

    /**
     * Recorded durations in milliseconds, keyed like {@code WorkUnit.key()}: the spec path relative to
     * {@code root} for spec units (the spec results' times, summed over parts), {@code path:LINE} for scenario
     * units (all attempts and rows summed). A recorded path outside {@code root} (the log came from another
     * checkout, e.g. another CI machine) is matched by its longest tail that names a file under {@code root}.
     */
    public static Map<String, Long> durations(Path log, Path root, boolean scenarios) throws IOException {
        Map<String, Long> out = new HashMap<>();
        Map<String, String> relCache = new HashMap<>();
        try (EventLogReader r = EventLogReader.open(log)) {
            EventLogReader.Record rec;
            while ((rec = r.next()) != null) {
                if (scenarios && rec.event() instanceof ScenarioExecutionEndingRequest e) {
                    String rel = relCache.computeIfAbsent(e.getCurrentExecutionInfo().getCurrentSpec().getFileName(),
                            f -> relative(f, root));
                    ProtoScenario sc = scenario(e.getScenarioResult().getProtoItem());
                    if (rel != null) {
                        out.merge(rel + ":" + sc.getSpan().getStart(), e.getScenarioResult().getExecutionTime(),
                                Long::sum);
                    }
                } else if (!scenarios && rec.event() instanceof SpecExecutionEndingRequest e) {
                    String rel = relCache.computeIfAbsent(e.getSpecResult().getProtoSpec().getFileName(),
                            f -> relative(f, root));
                    if (rel != null) {
                        out.merge(rel, e.getSpecResult().getExecutionTime(), Long::sum);
                    }
                }
            }
        }
        return out;
    }

    private static ProtoScenario scenario(ProtoItem item) {
        return item.hasTableDrivenScenario() ? item.getTableDrivenScenario().getScenario() : item.getScenario();
    }

    /** {@code file} relative to {@code root} ({@code /}-separated), or null when it names nothing under root. */
    static String relative(String file, Path root) {
        if (file.isEmpty()) {
            return null;
        }
        Path p = Path.of(file).normalize();
        Path r = root.toAbsolutePath().normalize();
        if (p.startsWith(r)) {
            return r.relativize(p).toString().replace('\\', '/');
        }
        int n = p.getNameCount();
        for (int i = 0; i < n; i++) {
            Path tail = p.subpath(i, n);
            if (Files.isRegularFile(r.resolve(tail))) {
                return tail.toString().replace('\\', '/');
            }
        }
        return null;
    }
}
