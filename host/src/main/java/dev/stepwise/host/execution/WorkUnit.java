package dev.stepwise.host.execution;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * One unit of work handed to a stream or a shard: a whole spec file, or one scenario of it (with all its data-table
 * rows).
 *
 * @param file          the spec file (absolute)
 * @param relativePath  the file relative to the project root, with {@code /} separators: the stable part of the key
 * @param scenarioIndex the scenario's index in the spec, or -1 for the whole spec
 * @param line          the scenario's heading line, or 0 for the whole spec
 */
public record WorkUnit(Path file, String relativePath, int scenarioIndex, int line) {

    /** Path order, then line order: the order results are merged and shards are dealt in. */
    public static final Comparator<WorkUnit> ORDER = Comparator.comparing(WorkUnit::relativePath)
            .thenComparingInt(WorkUnit::line);

    /** {@code specs/a.spec} for a spec unit, {@code specs/a.spec:12} for a scenario unit. */
    public String key() {
        return scenarioIndex < 0 ? relativePath : relativePath + ":" + line;
    }
}
