package dev.stepwise.host.execution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which units a shard runs. Deterministic: every shard of the same suite computes the same split without talking
 * to the others, and the shards together cover every unit exactly once.
 * <ul>
 *   <li>Without durations: the units sorted by path then line are dealt round-robin; unit {@code k} (0-based)
 *       goes to shard {@code k mod N + 1}.</li>
 *   <li>With durations from an earlier run: greedy largest-first: units sorted by recorded duration (longest
 *       first, ties by path and line) each go to the shard with the least total so far (ties: the lowest shard).
 *       A unit with no recorded duration (new since that run) counts as the median of the recorded ones.</li>
 * </ul>
 */
public final class Sharding {
    private Sharding() {
    }

    /** The units of shard {@code index} (1-based) of {@code count}, in path-then-line order. */
    public static List<WorkUnit> select(List<WorkUnit> units, int index, int count, Map<String, Long> durations) {
        List<List<WorkUnit>> bins = split(units, count, durations);
        List<WorkUnit> out = new ArrayList<>(bins.get(index - 1));
        out.sort(WorkUnit.ORDER);
        return out;
    }

    /** All {@code count} shards (each in path-then-line order). */
    public static List<List<WorkUnit>> split(List<WorkUnit> units, int count, Map<String, Long> durations) {
        List<WorkUnit> sorted = new ArrayList<>(units);
        sorted.sort(WorkUnit.ORDER);
        List<List<WorkUnit>> bins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bins.add(new ArrayList<>());
        }
        if (durations.isEmpty()) {
            for (int k = 0; k < sorted.size(); k++) {
                bins.get(k % count).add(sorted.get(k));
            }
            return bins;
        }
        long fallback = median(sorted, durations);
        Comparator<WorkUnit> longestFirst = Comparator.<WorkUnit>comparingLong(u -> -duration(u, durations, fallback))
                .thenComparing(WorkUnit.ORDER);
        sorted.sort(longestFirst);
        long[] load = new long[count];
        for (WorkUnit u : sorted) {
            int best = 0;
            for (int i = 1; i < count; i++) {
                if (load[i] < load[best]) {
                    best = i;
                }
            }
            bins.get(best).add(u);
            load[best] += duration(u, durations, fallback);
        }
        bins.forEach(b -> b.sort(WorkUnit.ORDER));
        return bins;
    }

    /** The recorded duration of a unit, or {@code fallback} when it has none. */
    public static long duration(WorkUnit u, Map<String, Long> durations, long fallback) {
        Long d = durations.get(u.key());
        return d == null ? fallback : d;
    }

    /** The median recorded duration of these units (1 ms when none is recorded). */
    public static long median(List<WorkUnit> units, Map<String, Long> durations) {
        List<Long> known = new ArrayList<>();
        for (WorkUnit u : units) {
            Long d = durations.get(u.key());
            if (d != null) {
                known.add(d);
            }
        }
        if (known.isEmpty()) {
            return 1;
        }
        known.sort(null);
        return known.get(known.size() / 2);
    }
}
