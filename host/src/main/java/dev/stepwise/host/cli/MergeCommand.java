package dev.stepwise.host.cli;

import dev.stepwise.host.events.EventLogMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stepwise merge}: the shards' event logs made into one log that any reporter can be replayed from. */
@Command(name = "merge", description = {
        "Merge the event logs of the shards of one suite (stepwise run --shard I/N) into one event log.",
        "  stepwise merge shard-1.log shard-2.log --out merged.log && stepwise report --from merged.log"})
final class MergeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "LOGS", arity = "1..*", description = "The shards' event logs, in shard order.")
    List<Path> logs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "LOG", description = "The merged event log to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintStream console = Main.Context.OUT.get();
        List<Path> inputs = new ArrayList<>();
        for (Path p : logs) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs)) {
                throw new IllegalArgumentException("No event log at " + abs);
            }
            inputs.add(abs);
        }
        EventLogMerge.Result r = EventLogMerge.merge(inputs, out.toAbsolutePath().normalize());
        r.warnings().forEach(w -> console.println("warning: " + w));
        console.println("Merged " + r.logs() + " event logs (" + r.events() + " events) into " + out
                + "  (reports: stepwise report --from " + out + ")");
        return 0;
    }
}
