package dev.stepwise.host.console;

import dev.stepwise.host.execution.ExecutionListener;
import dev.stepwise.host.execution.Failure;
import dev.stepwise.host.execution.ScenarioResult;
import dev.stepwise.host.execution.SpecResult;
import dev.stepwise.host.execution.Status;
import dev.stepwise.host.execution.SuiteResult;
import dev.stepwise.host.execution.ValidationError;
import dev.stepwise.host.launch.RunnerOutput;
import dev.stepwise.host.parser.Diagnostic;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints a run as it happens: each scenario when it finishes, failures with file:line, step, message and a trimmed
 * stack trace, a live progress line on a terminal (plain lines otherwise), and a summary table at the end. Runner
 * output arrives on other threads, so every method is synchronized.
 */
public final class ConsoleReporter implements ExecutionListener, RunnerOutput {

    private static final int STACK_LINES = 8;

    private final PrintStream out;
    private final Path root;
    private final boolean live;
    private final boolean verbose;
    private final List<SpecResult> specs = new ArrayList<>();
    /** Final attempts that failed, and that passed only on a retry: listed sorted in the summary. */
    private final List<ScenarioResult> failedScenarios = new ArrayList<>();
    private final List<ScenarioResult> flakyScenarios = new ArrayList<>();
    private int passed;
    private int failed;
    private int skipped;
    private String current = "";
    private boolean progressShown;
    private boolean finished;

    /**
     * @param out     where to print
     * @param root    project root, to print paths relative to it
     * @param live    draw a live progress line (a terminal)
     * @param verbose also print runner debug output and stderr
     */
    public ConsoleReporter(PrintStream out, Path root, boolean live, boolean verbose) {
        this.out = out;
        this.root = root;
        this.live = live;
        this.verbose = verbose;
    }

    @Override
    public synchronized void diagnostics(Path file, List<Diagnostic> diagnostics) {
        clearProgress();
        for (Diagnostic d : diagnostics) {
            out.printf("%s:%d:%d: %s: %s%n", rel(d.file()), d.line(), d.column(),
                    d.isError() ? "error" : "warning", d.message());
        }
    }

    @Override
    public synchronized void validationFailed(List<ValidationError> errors) {
        clearProgress();
        Set<String> suggestions = new LinkedHashSet<>();
        for (ValidationError e : errors) {
            out.printf("%s:%d: %s => '%s'%n", rel(e.file()), e.line(), e.validation().error().message(),
                    e.stepText());
            if (!e.validation().suggestion().isBlank()) {
                suggestions.add(e.validation().suggestion().strip());
            }
        }
        if (!suggestions.isEmpty()) {
            out.println();
            out.println("Add the following missing implementations to fix `Step implementation not found` errors.");
            out.println();
            for (String s : suggestions) {
                out.println(indent(s, "    "));
                out.println();
            }
        }
        out.println("Scenarios using these steps are skipped.");
        out.println();
    }

    @Override
    public synchronized void specStarting(Path file, String heading) {
        clearProgress();
        out.printf("# %s   (%s)%n", heading, rel(file));
    }

    @Override
    public synchronized void scenarioStarting(Path file, String heading, String row) {
        current = heading + (row.isEmpty() ? "" : " [" + row + "]");
        drawProgress();
    }

    @Override
    public synchronized void scenarioFinished(ScenarioResult r) {
        clearProgress();
        if (r.finalAttempt()) {
            switch (r.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
            if (r.status() == Status.FAILED) {
                failedScenarios.add(r);
            } else if (r.flaky()) {
                flakyScenarios.add(r);
            }
        }
        String mark = !r.finalAttempt() ? "RETRY" : r.flaky() ? "FLAKY" : switch (r.status()) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
        String attempt = !r.finalAttempt() ? ", attempt " + r.attempt() + " failed, retrying"
                : r.attempt() > 1 ? ", attempt " + r.attempt() : "";
        out.printf("  %s  %s%s   (%s:%d, %d ms%s)%n", mark, r.heading(), r.row().isEmpty() ? "" : " [" + r.row() + "]",
                rel(r.specFile()), r.line(), r.durationMillis(), attempt);
        for (String m : r.messages()) {
            out.println(indent(m, "        > "));
        }
        for (String reason : r.skipReasons()) {
            out.println(indent(reason, "        skipped: "));
        }
        for (Failure f : r.failures()) {
            printFailure(f);
        }
        drawProgress();
    }

    @Override
    public synchronized void specFinished(SpecResult r) {
        clearProgress();
        specs.add(new SpecResult(r.file(), r.heading(), r.status(), r.passed(), r.failed(), r.skipped(), List.of(),
                r.durationMillis()));
        if (r.passed() + r.failed() + r.skipped() == 0 && !r.failures().isEmpty()) {
            out.printf("# %s   (%s)%n", r.heading().isEmpty() ? "(no heading)" : r.heading(), rel(r.file()));
        }
        for (Failure f : r.failures()) {
            printFailure(f);
        }
    }

    @Override
    public synchronized void runnerRestarted(int count, String cause) {
        clearProgress();
        out.println(indent("Runner restarted (--restart-runner, restart " + count + "): the previous runner died: "
                + cause, "  ! "));
        out.println("  ! The fresh runner has a new suite data store; before-suite hooks do not run again.");
        drawProgress();
    }

    @Override
    public synchronized void suiteFinished(SuiteResult r) {
        clearProgress();
        finished = true;
        for (Failure f : r.failures()) {
            printFailure(f);
        }
        out.println();
        if (!specs.isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Specification", "Passed", "Failed", "Skipped", "Time"});
            for (SpecResult s : mergedByPath()) {
                rows.add(new String[] {(s.status() == Status.FAILED ? "x " : "  ") + rel(s.file()),
                        String.valueOf(s.passed()), String.valueOf(s.failed()), String.valueOf(s.skipped()),
                        s.durationMillis() + " ms"});
            }
            printTable(rows);
            out.println();
        }
        out.printf("Specifications: %d executed, %d passed, %d failed, %d skipped%n", r.specsExecuted(),
                r.specsExecuted() - r.specsFailed() - r.specsSkipped(), r.specsFailed(), r.specsSkipped());
        out.printf("Scenarios:      %d executed, %d passed, %d failed, %d skipped%n",
                r.scenariosPassed() + r.scenariosFailed() + r.scenariosSkipped(), r.scenariosPassed(),
                r.scenariosFailed(), r.scenariosSkipped());
        if (r.scenariosFlaky() > 0 || !flakyScenarios.isEmpty()) {
            out.printf("Flaky:          %d scenario(s) passed only on a retry%n", r.scenariosFlaky());
        }
        listScenarios("Failed scenarios:", failedScenarios);
        listScenarios("Flaky scenarios:", flakyScenarios);
        if (r.parseErrors() > 0) {
            out.printf("Parse errors:   %d%n", r.parseErrors());
        }
        if (r.validationErrors() > 0) {
            out.printf("Validation:     %d step(s) without implementation%n", r.validationErrors());
        }
        out.printf("Total time:     %d ms%n", r.wallMillis());
        String verdict = switch (r.exitCode()) {
            case 0 -> "PASSED";
            case 2 -> "PARSE ERRORS";
            case 3 -> "VALIDATION ERRORS";
            default -> "FAILED";
        };
        out.printf("Result: %s (exit code %d)%n", verdict, r.exitCode());
        out.flush();
    }

    /** The spec table's rows: parts of one file (scenario units, streams) merged, in path order. */
    private List<SpecResult> mergedByPath() {
        java.util.Map<String, SpecResult> byPath = new java.util.TreeMap<>();
        for (SpecResult s : specs) {
            byPath.merge(rel(s.file()), s, (a, b) -> new SpecResult(a.file(), a.heading(),
                    a.status() == Status.FAILED || b.status() == Status.FAILED ? Status.FAILED
                            : a.status() == Status.PASSED || b.status() == Status.PASSED ? Status.PASSED
                            : Status.SKIPPED,
                    a.passed() + b.passed(), a.failed() + b.failed(), a.skipped() + b.skipped(), List.of(),
                    a.durationMillis() + b.durationMillis()));
        }
        return List.copyOf(byPath.values());
    }

    /** Scenarios by spec path, then line, then row: the same order however the streams finished. */
    private void listScenarios(String title, List<ScenarioResult> list) {
        if (list.isEmpty()) {
            return;
        }
        List<ScenarioResult> sorted = new ArrayList<>(list);
        sorted.sort(java.util.Comparator.comparing((ScenarioResult x) -> rel(x.specFile()))
                .thenComparingInt(ScenarioResult::line).thenComparing(ScenarioResult::row));
        out.println(title);
        for (ScenarioResult x : sorted) {
            out.printf("  %s:%d  %s%s%s%n", rel(x.specFile()), x.line(), x.heading(),
                    x.row().isEmpty() ? "" : " [" + x.row() + "]",
                    x.flaky() ? "  (passed on attempt " + x.attempt() + ")" : "");
        }
    }

    @Override
    public synchronized void line(String level, String message, boolean fromStderr) {
        String l = level.toLowerCase(Locale.ROOT);
        boolean show = verbose || (!fromStderr && !l.equals("debug"))
                || l.equals("warning") || l.equals("fatal");
        // After the summary, only --verbose shows what the runner prints while it shuts down.
        if (!show || (finished && !verbose)) {
            return;
        }
        clearProgress();
        out.println(l.equals("info") ? message : "[runner " + l + "] " + message);
        drawProgress();
    }

    private void printFailure(Failure f) {
        String loc = f.file() == null ? "" : rel(f.file()) + (f.line() > 0 ? ":" + f.line() : "");
        out.printf("        %s %s%s%n", loc, f.where(), f.stepText().isEmpty() ? "" : ": * " + f.stepText());
        out.println(indent(f.message().isEmpty() ? "(no message)" : f.message(), "          "));
        String trimmed = trimStack(f.stackTrace());
        if (!trimmed.isEmpty()) {
            out.println(indent(trimmed, "            "));
        }
    }

    /** The stack trace up to the runner's own frames, at most {@value #STACK_LINES} lines. */
    static String trimStack(String stack) {
        if (stack == null || stack.isBlank()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String line : stack.strip().split("\\R")) {
            String t = line.strip();
            if (t.startsWith("at dev.stepwise.runner.") || t.startsWith("at java.base/jdk.internal.reflect")
                    || t.startsWith("at java.base/java.lang.reflect") || t.startsWith("at jdk.internal.reflect")) {
                break;
            }
            kept.add(t.startsWith("at ") ? "  " + t : t);
            if (kept.size() >= STACK_LINES) {
                kept.add("  ...");
                break;
            }
        }
        return String.join("\n", kept);
    }

    private void printTable(List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (int k = 0; k < rows.size(); k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < w.length; i++) {
                String cell = rows.get(k)[i];
                sb.append(i == 0 ? String.format("%-" + w[i] + "s", cell) : String.format("  %" + w[i] + "s", cell));
            }
            out.println(sb.toString().stripTrailing());
            if (k == 0) {
                out.println("-".repeat(sb.toString().stripTrailing().length()));
            }
        }
    }

    private void drawProgress() {
        if (!live) {
            return;
        }
        String line = String.format("[%d passed, %d failed, %d skipped] %s", passed, failed, skipped, current);
        if (line.length() > 100) {
            line = line.substring(0, 97) + "...";
        }
        out.print("\r\033[2K" + line);
        out.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r\033[2K");
            progressShown = false;
        }
    }

    private String rel(Path p) {
        if (p == null) {
            return "";
        }
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : p.toString();
    }

    private static String indent(String text, String prefix) {
        String pad = " ".repeat(prefix.length());
        String[] lines = text.split("\\R", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(i == 0 ? prefix : pad).append(lines[i]);
        }
        return sb.toString();
    }
}
