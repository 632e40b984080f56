package dev.stepwise.host.execution;

import java.nio.file.Path;
import java.util.List;

/**
 * Counts and spec-level failures of one spec file (all its rows), without its scenarios' details.
 *
 * @param file           the spec file
 * @param heading        its heading
 * @param status         failed if any scenario or spec hook failed; skipped if nothing ran
 * @param passed         passed scenario runs
 * @param failed         failed scenario runs
 * @param skipped        skipped scenario runs
 * @param failures       spec-level failures (parse errors, spec hooks, spec data store)
 * @param durationMillis runner-reported time
 */
public record SpecResult(Path file, String heading, Status status, int passed, int failed, int skipped,
                         List<Failure> failures, long durationMillis) {
    public SpecResult {
        failures = List.copyOf(failures);
    }
}
