package dev.stepwise.host.bench;

import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.ParserSettings;
import dev.stepwise.host.parser.ProjectScanner;
import dev.stepwise.host.parser.Scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Parses every spec of a project with the host's parser, as {@code stepwise run} does (lazily, one spec at a time),
 * and prints one line: {@code specs=N scenarios=N steps=N errors=N millis=N heapPeakKb=N}. Run in its own JVM by
 * {@link HostBench} so its memory is its own.
 */
public final class ParseOnly {

    private ParseOnly() {
    }

    public static void main(String[] args) {
        Path root = Path.of(args[0]).toAbsolutePath();
        long start = System.nanoTime();
        ProjectScanner scanner = new ProjectScanner(root, ParserSettings.defaults());
        ConceptRegistry concepts = scanner.parseConcepts();
        long[] counts = new long[4];
        try (Stream<ParsedSpec> specs = scanner.specs(concepts)) {
            specs.forEach(p -> {
                counts[0]++;
                counts[3] += p.errors().size();
                for (Scenario s : p.spec().scenarios()) {
                    counts[1]++;
                    counts[2] += s.steps().size();
                }
            });
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        // Sum of each heap pool's peak: an upper bound of the heap ever in use at once.
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "specs=%d scenarios=%d steps=%d errors=%d millis=%d heapPeakKb=%d%n",
                counts[0], counts[1], counts[2], counts[3], millis, peak / 1024);
    }
}
