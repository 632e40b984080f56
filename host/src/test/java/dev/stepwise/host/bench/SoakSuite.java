package dev.stepwise.host.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The soak test's generated suite and the result every scenario must end with, computed from the same rules that
 * wrote it.
 *
 * <ul>
 * <li>{@code plainSpecs} spec files {@code specs/plain-NNNNN.spec} of {@value #SCENARIOS_PER_SPEC} scenarios
 * ({@code Soak scenario F-K}). A scenario's outcome follows from its index in the suite ({@link #plainOutcome}): about
 * 1% fail (an assertion in a step), about 1% are skipped ({@code SkipScenarioException} from a step), the rest pass.
 * Passing scenarios have one step or two; the others two, the second deciding the outcome.</li>
 * <li>{@value #TABLE_SPECS} table-driven spec files {@code specs/table-NN.spec}: a data table of
 * {@value #TABLE_ROWS} rows and {@value #TABLE_SCENARIOS} scenarios ({@code Table scenario T-K}), each run once per
 * row; the row's {@code outcome} column decides ({@link #tableOutcome}).</li>
 * </ul>
 * With 990 plain specs that is 99,000 + 1,000 = 100,000 scenario results.
 */
final class SoakSuite {
    static final int SCENARIOS_PER_SPEC = 100;
    static final int TABLE_SPECS = 10;
    static final int TABLE_SCENARIOS = 10;
    static final int TABLE_ROWS = 10;

    /** The final status of a scenario run, as the reports spell it. */
    enum Status {
        PASSED, FAILED, SKIPPED;

        /** {@code passed}, {@code failed}, {@code skipped}. */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One scenario run: its spec file's name (in {@code specs/}), the scenario heading, and the 0-based row of the
     * spec's data table (-1 when the spec has none).
     */
    record Key(String specFile, String scenario, int row) {
        @Override
        public String toString() {
            return specFile + " / " + scenario + (row >= 0 ? " [data row " + (row + 1) + "]" : "");
        }
    }

    static final String STEPS = """
            package soak.steps;

            import dev.stepwise.api.SkipScenarioException;
            import dev.stepwise.api.Step;

            public class SoakSteps {
                @Step("Soak step <id>")
                public void step(String id) {
                    if (id.isEmpty()) {
                        throw new AssertionError("a soak step needs an id");
                    }
                }

                @Step("Soak outcome <outcome>")
                public void outcome(String outcome) {
                    switch (outcome) {
                        case "passed" -> { }
                        case "failed" -> throw new AssertionError("soak: this scenario fails by design");
                        case "skipped" -> throw new SkipScenarioException("soak: this scenario is skipped by design");
                        default -> throw new IllegalArgumentException("unknown soak outcome " + outcome);
                    }
                }
            }
            """;

    private final int plainSpecs;

    /** @param plainSpecs how many plain spec files (990 for 100,000 scenario results) */
    SoakSuite(int plainSpecs) {
        this.plainSpecs = plainSpecs;
    }

    /** The number of scenario results the suite produces. */
    int scenarioCount() {
        return plainSpecs * SCENARIOS_PER_SPEC + TABLE_SPECS * TABLE_SCENARIOS * TABLE_ROWS;
    }

    int specCount() {
        return plainSpecs + TABLE_SPECS;
    }

    /** Plain scenario {@code scenario} of spec {@code spec}: every 97th fails, every 89th (offset 3) is skipped. */
    static Status plainOutcome(int spec, int scenario) {
        int index = spec * SCENARIOS_PER_SPEC + scenario;
        if (index % 97 == 5) {
            return Status.FAILED;
        }
        return index % 89 == 3 ? Status.SKIPPED : Status.PASSED;
    }

    /** Row {@code row} (0-based) of every table-driven spec: row 3 fails, row 6 is skipped. */
    static Status tableOutcome(int row) {
        return row == 3 ? Status.FAILED : row == 6 ? Status.SKIPPED : Status.PASSED;
    }

    static String plainFile(int spec) {
        return String.format(Locale.ROOT, "plain-%05d.spec", spec);
    }

    static String tableFile(int spec) {
        return String.format(Locale.ROOT, "table-%02d.spec", spec);
    }

    /** Writes the manifest (with {@code plugins}) and the spec files; the steps are compiled by the caller. */
    void write(Path root, String manifestPlugins) throws IOException {
        Path specs = root.resolve("specs");
        Files.createDirectories(specs);
        Files.writeString(root.resolve("manifest.json"),
                "{\"Language\": \"stepwise-java\", \"Plugins\": [" + manifestPlugins + "]}\n");
        for (int f = 0; f < plainSpecs; f++) {
            try (BufferedWriter w = Files.newBufferedWriter(specs.resolve(plainFile(f)), StandardCharsets.UTF_8)) {
                w.write("# Soak spec " + f + "\n");
                for (int k = 0; k < SCENARIOS_PER_SPEC; k++) {
                    String id = f + "-" + k;
                    Status outcome = plainOutcome(f, k);
                    w.write("\n## Soak scenario " + id + "\n\n* Soak step \"" + id + "\"\n");
                    if (outcome != Status.PASSED || k % 2 == 1) {
                        w.write("* Soak outcome \"" + outcome.word() + "\"\n");
                    }
                }
            }
        }
        for (int t = 0; t < TABLE_SPECS; t++) {
            try (BufferedWriter w = Files.newBufferedWriter(specs.resolve(tableFile(t)), StandardCharsets.UTF_8)) {
                w.write("# Soak table spec " + t + "\n\n| row | outcome |\n|-----|---------|\n");
                for (int r = 0; r < TABLE_ROWS; r++) {
                    w.write("| " + r + " | " + tableOutcome(r).word() + " |\n");
                }
                for (int k = 0; k < TABLE_SCENARIOS; k++) {
                    w.write("\n## Table scenario " + t + "-" + k + "\n\n* Soak step <row>\n* Soak outcome <outcome>\n");
                }
            }
        }
    }

    /** Every scenario result the run must report, with its status. */
    Map<Key, Status> expected() {
        Map<Key, Status> out = new HashMap<>(scenarioCount() * 2);
        for (int f = 0; f < plainSpecs; f++) {
            for (int k = 0; k < SCENARIOS_PER_SPEC; k++) {
                out.put(new Key(plainFile(f), "Soak scenario " + f + "-" + k, -1), plainOutcome(f, k));
            }
        }
        for (int t = 0; t < TABLE_SPECS; t++) {
            for (int k = 0; k < TABLE_SCENARIOS; k++) {
                for (int r = 0; r < TABLE_ROWS; r++) {
                    out.put(new Key(tableFile(t), "Table scenario " + t + "-" + k, r), tableOutcome(r));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** How many results of each status a map holds. */
    static Map<Status, Integer> totals(Map<Key, Status> results) {
        Map<Status, Integer> out = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            out.put(s, 0);
        }
        results.values().forEach(s -> out.merge(s, 1, Integer::sum));
        return out;
    }
}
