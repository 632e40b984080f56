package dev.stepwise.host.execution;

import dev.stepwise.api.tags.TagExpression;

import java.util.Map;
import java.util.Objects;

/**
 * How a run is spread out and repeated: execution streams, how units are handed to them, retries and sharding.
 *
 * @param streams        execution streams ({@code -n}); 1 runs serially in Gauge's order
 * @param multithreaded  one runner process serves every stream concurrently (Gauge's multithreaded mode: the
 *                       runner descriptor says {@code multithreaded: true} and the project sets
 *                       {@code enable_multithreading=true}); otherwise one runner process per stream
 * @param strategy       how units reach the streams
 * @param unit           what one unit of work is
 * @param maxRetries     retries a failing scenario gets ({@code --max-retries}); 0 for none
 * @param retryOnly      which scenarios may be retried (spec and scenario tags); {@link TagExpression#always()}
 * @param shard          the slice of the units this run executes ({@link Shard#ALL} for all)
 * @param durations      recorded durations by {@link WorkUnit#key()} from an earlier run's event log; when not empty
 *                       the shards are balanced by them instead of dealt round-robin
 */
public record ParallelOptions(int streams, boolean multithreaded, Strategy strategy, UnitKind unit, int maxRetries,
                              TagExpression retryOnly, Shard shard, Map<String, Long> durations) {

    /** {@code --strategy}: lazy (each stream takes the next unit when it is free) or eager (dealt up front). */
    public enum Strategy { LAZY, EAGER }

    /** {@code --parallel-unit}: a whole spec file (all its rows) or one scenario (all its rows). */
    public enum UnitKind { SPEC, SCENARIO }

    /** {@code --shard I/N}: shard {@code index} (1-based) of {@code count}. */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("Invalid shard " + index + "/" + count
                        + ": use I/N with 1 <= I <= N, e.g. --shard 2/4");
            }
        }

        /** Parses {@code I/N}. */
        public static Shard parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("Invalid --shard '" + text + "': use I/N, e.g. --shard 2/4");
            }
            try {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid --shard '" + text + "': use I/N, e.g. --shard 2/4", e);
            }
        }

        public boolean isAll() {
            return count == 1;
        }
    }

    public ParallelOptions {
        if (streams < 1) {
            throw new IllegalArgumentException("-n must be at least 1, got " + streams);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("--max-retries must be 0 or more, got " + maxRetries);
        }
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(retryOnly, "retryOnly");
        Objects.requireNonNull(shard, "shard");
        durations = Map.copyOf(durations);
    }

    /** One stream, no retries, no sharding: Gauge's serial run. */
    public static ParallelOptions serial() {
        return new ParallelOptions(1, false, Strategy.LAZY, UnitKind.SPEC, 0, TagExpression.always(), Shard.ALL,
                Map.of());
    }

    /** Whether units are planned up front (more than one stream, scenario units or a shard). */
    boolean plansUnits() {
        return streams > 1 || unit == UnitKind.SCENARIO || !shard.isAll();
    }
}
