package dev.stepwise.host.events;

import com.google.protobuf.Message;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ProtoSpecResult;
import dev.stepwise.proto.ProtoSuiteResult;
import dev.stepwise.proto.SuiteExecutionResult;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stepwise merge}: the event logs of the shards of one suite made into one log that replays like a single
 * run. Streaming: each input is read twice, record by record, and nothing but the small suite headers is held.
 *
 * <p>The merged log holds, in order:
 * <ol>
 *   <li>the two {@code ExecutionStarting} events of the first log (before and after its before-suite hooks),</li>
 *   <li>every spec, scenario, concept and step event of the first log, then of the second, and so on: shards are
 *       concatenated, never interleaved, so a reporter that keys its state by stream still sees each stream's
 *       events together and in order,</li>
 *   <li>the {@code ExecutionEnding} events of the last log,</li>
 *   <li>one {@code SuiteExecutionResult} merged as Gauge merges parallel streams: spec results concatenated, with
 *       parts of one spec file merged and specs in path order; failed counts summed; failed OR'd; suite hook
 *       messages and screenshots appended and the last hook failure kept; the time is the longest shard's (shards
 *       run side by side).</li>
 * </ol>
 * Each shard ran its own suite hooks (they are separate runs on separate machines); the merged log keeps their
 * messages and failures.
 */
public final class EventLogMerge {
    private EventLogMerge() {
    }

    /** What was merged. */
    public record Result(int logs, int events, List<String> warnings) {
    }

    public static Result merge(List<Path> logs, Path out) throws IOException {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("stepwise merge needs at least one event log");
        }
        List<String> warnings = new ArrayList<>();
        ProtoSuiteResult.Builder suite = null;
        List<ProtoSpecResult> specs = new ArrayList<>();
        Instant lastAt = Instant.EPOCH;
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        int count = 0;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            o.write(EventLog.HEADER.getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < logs.size(); i++) {
                boolean first = i == 0;
                boolean last = i == logs.size() - 1;
                try (EventLogReader r = EventLogReader.open(logs.get(i))) {
                    EventLogReader.Record rec;
                    boolean sawResult = false;
                    while ((rec = r.next()) != null) {
                        Message m = rec.event();
                        lastAt = rec.at().isAfter(lastAt) ? rec.at() : lastAt;
                        if (m instanceof ExecutionStartingRequest) {
                            if (first) {
                                EventLog.write(o, m, rec.at());
                                count++;
                            }
                        } else if (m instanceof ExecutionEndingRequest) {
                            if (last) {
                                EventLog.write(o, m, rec.at());
                                count++;
                            }
                        } else if (m instanceof SuiteExecutionResult s) {
                            sawResult = true;
                            ProtoSuiteResult sr = s.getSuiteResult();
                            specs.addAll(sr.getSpecResultsList());
                            if (suite == null) {
                                suite = sr.toBuilder().clearSpecResults();
                            } else {
                                suite.setFailed(suite.getFailed() || sr.getFailed())
                                        .setExecutionTime(Math.max(suite.getExecutionTime(), sr.getExecutionTime()))
                                        .addAllPreHookMessages(sr.getPreHookMessagesList())
                                        .addAllPostHookMessages(sr.getPostHookMessagesList())
                                        .addAllPreHookScreenshotFiles(sr.getPreHookScreenshotFilesList())
                                        .addAllPostHookScreenshotFiles(sr.getPostHookScreenshotFilesList());
                                if (sr.hasPreHookFailure()) {
                                    suite.setPreHookFailure(sr.getPreHookFailure());
                                }
                                if (sr.hasPostHookFailure()) {
                                    suite.setPostHookFailure(sr.getPostHookFailure());
                                }
                            }
                        } else {
                            EventLog.write(o, m, rec.at());
                            count++;
                        }
                    }
                    if (r.truncated() != null) {
                        warnings.add(logs.get(i) + ": " + r.truncated());
                    }
                    if (!sawResult) {
                        warnings.add(logs.get(i) + " has no suite result (the shard did not finish); its specs are "
                                + "missing from the merged suite result");
                    }
                }
            }
            List<ProtoSpecResult> merged = GaugeEventStream.mergeSpecResults(specs);
            if (suite == null) {
                suite = ProtoSuiteResult.newBuilder();
            }
            int failed = 0;
            int skipped = 0;
            for (ProtoSpecResult s : merged) {
                failed += s.getFailed() ? 1 : 0;
                skipped += !s.getFailed() && s.getSkipped() ? 1 : 0;
            }
            // Counted again from the merged specs: a spec file split over shards counts once.
            suite.addAllSpecResults(merged).setSpecsFailedCount(failed).setSpecsSkippedCount(skipped)
                    .setSuccessRate(GaugeEventStream.successRate(merged.size(), failed, skipped));
            EventLog.write(o, SuiteExecutionResult.newBuilder().setSuiteResult(suite).build(), lastAt);
            count++;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        return new Result(logs.size(), count, List.copyOf(warnings));
    }
}
