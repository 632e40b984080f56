package dev.stepwise.host.cli;

import dev.stepwise.api.tags.TagExpression;
import dev.stepwise.host.config.ConfigException;
import dev.stepwise.host.config.Manifest;
import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.console.ConsoleReporter;
import dev.stepwise.host.events.EventLog;
import dev.stepwise.host.events.Reporting;
import dev.stepwise.host.events.RunHistory;
import dev.stepwise.host.execution.Orchestrator;
import dev.stepwise.host.execution.ParallelOptions;
import dev.stepwise.host.execution.RunOptions;
import dev.stepwise.host.execution.SuiteResult;
import dev.stepwise.host.launch.RepositoryBuild;
import dev.stepwise.host.launch.RunnerLaunchException;
import dev.stepwise.host.launch.RunnerLauncher;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.Diagnostic;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.ProjectScanner;
import dev.stepwise.host.parser.Scenario;
import dev.stepwise.host.parser.SpecFormatter;
import dev.stepwise.host.parser.Step;
import dev.stepwise.host.adapter.GrpcCodeRefactorer;
import dev.stepwise.host.refactor.CodeRefactorer;
import dev.stepwise.host.refactor.RefactorException;
import dev.stepwise.host.refactor.StepRefactoring;
import dev.stepwise.host.refactor.StepRename;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * {@code stepwise}: run, validate, list and format a Gauge project. Exit codes are Gauge's: 0 passed, 1 execution
 * failed, 2 parse errors, 3 validation errors.
 */
@Command(name = "stepwise", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs Gauge specifications against Java step implementations.",
        subcommands = {Main.Run.class, Main.Validate.class, Main.ListCommand.class, Main.Format.class,
                Main.Refactor.class, ReportCommand.class, MergeCommand.class, DocsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err, System.getenv()));
    }

    /** Runs the CLI and returns the exit code (no System.exit: tests call this). */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException || ex instanceof RunnerLaunchException
                    || ex instanceof IllegalArgumentException || ex instanceof RefactorException) {
                err.println("stepwise: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        Context.OUT.set(out);
        Context.ENV.set(env);
        try {
            return cl.execute(args);
        } finally {
            Context.OUT.remove();
            Context.ENV.remove();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Per-invocation context, so the CLI can be run in-process by tests with their own streams. */
    static final class Context {
        static final ThreadLocal<PrintStream> OUT = ThreadLocal.withInitial(() -> System.out);
        static final ThreadLocal<Map<String, String>> ENV = ThreadLocal.withInitial(System::getenv);

        private Context() {
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/dev/stepwise/host/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"stepwise " + p.getProperty("version", "(development build)"),
                    "Java " + System.getProperty("java.version")};
        }
    }

    /** Options every subcommand shares. */
    static final class ProjectOptions {
        @Option(names = "--project", paramLabel = "DIR",
                description = "The project folder (holds manifest.json). Default: the working directory, or the "
                        + "first SPECS argument if it is a project folder.")
        Path project;

        @Option(names = "--env", paramLabel = "a,b", description = "Environments under env/ to load on top of "
                + "env/default.")
        String env;

        @Option(names = "--verbose", description = "Show the runner's debug output and stderr.")
        boolean verbose;

        /** The project root and the remaining spec arguments. */
        Resolved resolve(List<String> specs) {
            Path cwd = Path.of("").toAbsolutePath();
            List<String> rest = new ArrayList<>(specs);
            Path root;
            if (project != null) {
                root = project.toAbsolutePath().normalize();
            } else if (!rest.isEmpty() && Files.isRegularFile(cwd.resolve(rest.get(0)).resolve(Manifest.FILE_NAME))) {
                root = cwd.resolve(rest.remove(0)).normalize();
            } else {
                root = cwd;
                for (Path p = cwd; p != null; p = p.getParent()) {
                    if (Files.isRegularFile(p.resolve(Manifest.FILE_NAME))) {
                        root = p;
                        break;
                    }
                }
            }
            // Spec arguments are relative to the working directory when they exist there, else to the project.
            List<String> args = new ArrayList<>();
            for (String a : rest) {
                String file = a.replaceFirst(":\\d+$", "");
                Path inCwd = cwd.resolve(file);
                args.add(Files.exists(inCwd) && !Files.exists(root.resolve(file))
                        ? inCwd.toAbsolutePath().normalize() + a.substring(file.length()) : a);
            }
            ProjectConfig config = ProjectConfig.load(root, env, Context.ENV.get());
            return new Resolved(config, args);
        }
    }

    record Resolved(ProjectConfig config, List<String> specArgs) {
    }

    /** The runner plugin folder built in this repository. */
    static Optional<Path> defaultRunnerDir() {
        return RepositoryBuild.runnerDir();
    }

    private static boolean isTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    private static Map<String, List<String>> explicitArgs(CommandLine.ParseResult pr) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (OptionSpec o : pr.matchedOptions()) {
            String name = o.longestName().replaceFirst("^-+", "");
            Object v = o.getValue();
            out.put(name, List.of(v == null ? "" : String.valueOf(v)));
        }
        return out;
    }

    @Command(name = "run", description = "Run specs: all of gauge_specs_dir, or the given files, folders and "
            + "file.spec:LINE scenarios.")
    static final class Run implements Callable<Integer> {
        @Mixin
        ProjectOptions common;

        @Mixin
        ReportOptions reporting;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "SPECS", arity = "0..*",
                description = "Spec files, folders or file.spec:LINE (relative to the project).")
        List<String> specs = new ArrayList<>();

        @Option(names = "--tags", paramLabel = "EXPR", description = "Tag expression, e.g. 'smoke & !slow'.")
        String tags;

        @Option(names = "--table-rows", paramLabel = "ROWS",
                description = "Spec data-table rows to run, 1-based: '2-4' or '1,3'.")
        String tableRows;

        @Option(names = {"-n", "--parallel-streams"}, paramLabel = "N", description = "Execution streams (default 1: "
                + "serial). One runner process per stream, or one runner serving N streams when the runner allows "
                + "it and the project sets enable_multithreading=true. Suite hooks run once per run either way.")
        Integer streams;

        @Option(names = "--strategy", paramLabel = "lazy|eager", description = "lazy (default): each stream takes "
                + "the next unit when it is free; eager: units are dealt round-robin before the run.")
        String strategy;

        @Option(names = "--parallel-unit", paramLabel = "spec|scenario",
                description = "What one unit of work is: a spec file (default) or a scenario.")
        String parallelUnit;

        @Option(names = "--max-retries", paramLabel = "K", description = "Run a failing scenario again, up to K "
                + "more times. Every attempt is reported; one that passes on a retry is flaky.")
        int maxRetries;

        @Option(names = "--retry-only", paramLabel = "EXPR",
                description = "Retry only scenarios whose spec and scenario tags match this tag expression.")
        String retryOnly;

        @Option(names = "--failed", description = "Rerun what failed in the last run (reports/events/latest); "
                + "a scenario that passed on a retry counts as passed.")
        boolean failed;

        @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I of N: a deterministic 1/N of the "
                + "units (see docs/distributed.md).")
        String shard;

        @Option(names = "--shard-durations", paramLabel = "LOG", description = "An earlier run's event log (or "
                + "'latest'): balance the shards by its recorded durations instead of dealing round-robin.")
        String shardDurations;

        @Option(names = "--restart-runner", description = "When the runner process dies, fail the scenario in "
                + "flight, report the rest of its spec skipped, then start a fresh runner for the next spec (its "
                + "suite data store is new; before- and after-suite hooks do not run again). Serial runs only.")
        boolean restartRunner;

        @Option(names = "--list-units", hidden = true, description = "Print the units this run (or shard) would "
                + "execute, one per line, and stop.")
        boolean listUnits;

        @Override
        public Integer call() throws IOException {
            Resolved r = common.resolve(specs);
            ProjectConfig config = r.config();
            PrintStream out = Context.OUT.get();
            TagExpression expr = tags == null || tags.isBlank() ? TagExpression.always()
                    : TagExpression.parse(tags, config.caseSensitiveTags());
            List<String> specArgs = r.specArgs();
            Path events = Reporting.reportsDir(config).resolve("events");
            List<Path> logsRead = new ArrayList<>();
            if (failed) {
                if (!Files.isRegularFile(events.resolve(EventLog.LATEST))) {
                    throw new IllegalArgumentException("--failed needs the event log of an earlier run, and "
                            + events.resolve(EventLog.LATEST) + " does not exist: run the suite first.");
                }
                Path last = EventLog.latest(events);
                RunHistory.Failed f = RunHistory.failed(last);
                logsRead.add(last);
                if (f.specArgs().isEmpty() && !f.rerunAll()) {
                    out.println("Nothing failed in the last run (" + last.getFileName() + "): nothing to rerun.");
                    return 0;
                }
                specArgs = f.rerunAll() ? specArgs : f.specArgs();
                out.println("Rerunning " + (f.rerunAll() ? "everything (the before-suite hook failed)"
                        : f.specArgs().size() + " failed item(s)") + " of " + last.getFileName());
            }
            int n = streams == null ? 1 : streams;
            if (restartRunner && n > 1) {
                throw new IllegalArgumentException("--restart-runner is supported in serial runs only, not with -n "
                        + n + " (a parallel stream whose runner dies reports its units skipped; see "
                        + "docs/reliability.md)");
            }
            boolean multithreaded = false;
            RunnerLauncher probe = new RunnerLauncher(Context.ENV.get(), defaultRunnerDir(), (l, m, e) -> { }, n);
            if (n > 1) {
                String mt = dev.stepwise.host.plugins.PluginSettings.setting(Context.ENV.get(), config,
                        "enable_multithreading");
                multithreaded = mt != null && mt.strip().equalsIgnoreCase("true")
                        && probe.locate(config).multithreaded();
            }
            ParallelOptions.UnitKind unit = parallelUnit == null ? ParallelOptions.UnitKind.SPEC
                    : switch (parallelUnit.strip().toLowerCase(java.util.Locale.ROOT)) {
                        case "spec" -> ParallelOptions.UnitKind.SPEC;
                        case "scenario" -> ParallelOptions.UnitKind.SCENARIO;
                        default -> throw new IllegalArgumentException("--parallel-unit must be spec or scenario, not '"
                                + parallelUnit + "'");
                    };
            ParallelOptions.Strategy strat = strategy == null ? ParallelOptions.Strategy.LAZY
                    : switch (strategy.strip().toLowerCase(java.util.Locale.ROOT)) {
                        case "lazy" -> ParallelOptions.Strategy.LAZY;
                        case "eager" -> ParallelOptions.Strategy.EAGER;
                        default -> throw new IllegalArgumentException("--strategy must be lazy or eager, not '"
                                + strategy + "'");
                    };
            Map<String, Long> durations = Map.of();
            if (shardDurations != null) {
                Path log = shardDurations.equals("latest") ? EventLog.latest(events)
                        : Path.of(shardDurations).toAbsolutePath().normalize();
                if (!Files.isRegularFile(log)) {
                    throw new IllegalArgumentException("--shard-durations: no event log at " + log);
                }
                durations = RunHistory.durations(log, config.root(), unit == ParallelOptions.UnitKind.SCENARIO);
                logsRead.add(log);
            }
            ParallelOptions parallel = new ParallelOptions(n, multithreaded, strat, unit, maxRetries,
                    retryOnly == null || retryOnly.isBlank() ? TagExpression.always()
                            : TagExpression.parse(retryOnly, config.caseSensitiveTags()),
                    shard == null ? ParallelOptions.Shard.ALL : ParallelOptions.Shard.parse(shard), durations);
            // Gauge sends the -n value as numberOfExecutionStreams, and the CPU count when -n is not given.
            int infoStreams = streams == null ? Runtime.getRuntime().availableProcessors() : n;
            RunOptions options = new RunOptions(specArgs, expr, RunOptions.parseTableRows(tableRows), infoStreams,
                    explicitArgs(spec.commandLine().getParseResult()));
            if (listUnits) {
                Orchestrator o = new Orchestrator(config.root(), config.projectName(), config.parserSettings(),
                        options, parallel, new dev.stepwise.host.execution.ExecutionListener() {
                        }, dev.stepwise.host.execution.ExecutionEvents.NONE);
                o.plannedUnits().forEach(u -> out.println(u.key()));
                return 0;
            }
            ConsoleReporter console = new ConsoleReporter(out, config.root(), isTerminal() && n == 1, common.verbose);
            RunnerLauncher launcher = new RunnerLauncher(Context.ENV.get(), defaultRunnerDir(), console, n);
            if (n > 1) {
                out.println("Running with " + n + " streams (" + (multithreaded ? "one multithreaded runner"
                        : "one runner process per stream") + ", " + strat.name().toLowerCase(java.util.Locale.ROOT)
                        + " distribution of " + unit.name().toLowerCase(java.util.Locale.ROOT) + "s)");
            }
            if (!parallel.shard().isAll()) {
                out.println("Shard " + parallel.shard().index() + "/" + parallel.shard().count()
                        + (durations.isEmpty() ? " (round-robin over sorted units)"
                        : " (balanced by " + durations.size() + " recorded durations)"));
            }
            var reporters = RunReporting.start(config, reporting, Context.ENV.get(), console, tags, logsRead);
            int exit;
            try {
                Orchestrator o = new Orchestrator(config.root(), config.projectName(), config.parserSettings(),
                        options, parallel, console, reporters.events()).withRunnerRestarts(restartRunner);
                exit = o.run(() -> launcher.launch(config)).exitCode();
            } finally {
                reporters.close();
            }
            return RunReporting.finish(reporters, exit, config, out);
        }
    }

    @Command(name = "validate", description = "Parse the specs and ask the runner about every step.")
    static final class Validate implements Callable<Integer> {
        @Mixin
        ProjectOptions common;

        @Parameters(paramLabel = "SPECS", arity = "0..*", description = "Spec files or folders.")
        List<String> specs = new ArrayList<>();

        @Override
        public Integer call() {
            Resolved r = common.resolve(specs);
            ProjectConfig config = r.config();
            PrintStream out = Context.OUT.get();
            int streams = Runtime.getRuntime().availableProcessors();
            ConsoleReporter console = new ConsoleReporter(out, config.root(), false, common.verbose);
            boolean verbose = common.verbose;
            RunnerLauncher launcher = new RunnerLauncher(Context.ENV.get(), defaultRunnerDir(),
                    (level, message, stderr) -> {
                        if (verbose) {
                            console.line(level, message, stderr);
                        }
                    }, streams);
            RunOptions options = new RunOptions(r.specArgs(), TagExpression.always(), java.util.Set.of(), streams,
                    Map.of());
            Orchestrator o = new Orchestrator(config.root(), config.projectName(), config.parserSettings(), options,
                    new dev.stepwise.host.execution.ExecutionListener() {
                        @Override
                        public void diagnostics(Path file, List<Diagnostic> diagnostics) {
                            console.diagnostics(file, diagnostics);
                        }

                        @Override
                        public void validationFailed(List<dev.stepwise.host.execution.ValidationError> errors) {
                            console.validationFailed(errors);
                        }
                    });
            SuiteResult result = o.validate(() -> launcher.launch(config));
            out.println(switch (result.exitCode()) {
                case 0 -> "No errors found.";
                case 2 -> result.parseErrors() + " parse error(s).";
                default -> result.validationErrors() + " step(s) without implementation.";
            });
            return result.exitCode();
        }
    }

    @Command(name = "list", description = "List specs, scenarios, tags and steps (no runner needed).")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        ProjectOptions common;

        @Parameters(paramLabel = "SPECS", arity = "0..*", description = "Spec files or folders.")
        List<String> specs = new ArrayList<>();

        @Option(names = "--specs", description = "List specs.")
        boolean listSpecs;
        @Option(names = "--scenarios", description = "List scenarios.")
        boolean listScenarios;
        @Option(names = "--tags", description = "List tags.")
        boolean listTags;
        @Option(names = "--steps", description = "List distinct steps.")
        boolean listSteps;

        @Override
        public Integer call() {
            Resolved r = common.resolve(specs);
            ProjectConfig config = r.config();
            PrintStream out = Context.OUT.get();
            boolean all = !listSpecs && !listScenarios && !listTags && !listSteps;
            var settings = config.parserSettings();
            if (!r.specArgs().isEmpty()) {
                settings = settings.withSpecDirs(r.specArgs());
            }
            ProjectScanner scanner = new ProjectScanner(config.root(), settings);
            ConceptRegistry concepts = scanner.parseConcepts();
            TreeSet<String> tagSet = new TreeSet<>();
            TreeMap<String, Integer> steps = new TreeMap<>();
            int[] errors = {(int) concepts.diagnostics().stream().filter(Diagnostic::isError).count()};
            concepts.diagnostics().forEach(d -> out.println(d));
            if (all || listSpecs || listScenarios) {
                out.println("Specs:");
            }
            try (Stream<ParsedSpec> s = scanner.specs(concepts)) {
                s.forEach(p -> {
                    p.diagnostics().forEach(d -> out.println(d));
                    errors[0] += p.errors().size();
                    var sp = p.spec();
                    tagSet.addAll(sp.tags());
                    if (all || listSpecs || listScenarios) {
                        out.printf("  %s  %s%s%n", config.root().relativize(sp.file().toAbsolutePath()),
                                sp.heading(), sp.tags().isEmpty() ? "" : "  tags: " + String.join(", ", sp.tags()));
                    }
                    countSteps(sp.contexts(), steps);
                    countSteps(sp.teardownSteps(), steps);
                    for (Scenario sc : sp.scenarios()) {
                        tagSet.addAll(sc.tags());
                        countSteps(sc.steps(), steps);
                        if (all || listScenarios) {
                            out.printf("      :%-4d %s%s%n", sc.line(), sc.heading(),
                                    sc.tags().isEmpty() ? "" : "  tags: " + String.join(", ", sc.tags()));
                        }
                    }
                });
            }
            if (all || listTags) {
                out.println("Tags:");
                tagSet.forEach(t -> out.println("  " + t));
            }
            if (all || listSteps) {
                out.println("Steps:");
                steps.forEach((v, n) -> out.printf("  %s   (%d use%s)%n", v, n, n == 1 ? "" : "s"));
            }
            return errors[0] > 0 ? 2 : 0;
        }

        private static void countSteps(List<Step> list, Map<String, Integer> into) {
            for (Step s : list) {
                if (s.isConcept()) {
                    countSteps(s.conceptSteps(), into);
                } else {
                    into.merge(s.value(), 1, Integer::sum);
                }
            }
        }
    }

    @Command(name = "format", description = "Rewrite specs in canonical form; refused when a spec has parse errors.")
    static final class Format implements Callable<Integer> {
        @Mixin
        ProjectOptions common;

        @Parameters(paramLabel = "SPECS", arity = "0..*", description = "Spec files or folders.")
        List<String> specs = new ArrayList<>();

        @Option(names = "--check", description = "Only report which files would change (exit 1 if any).")
        boolean check;

        @Override
        public Integer call() throws IOException {
            Resolved r = common.resolve(specs);
            ProjectConfig config = r.config();
            PrintStream out = Context.OUT.get();
            var settings = config.parserSettings();
            if (!r.specArgs().isEmpty()) {
                settings = settings.withSpecDirs(r.specArgs());
            }
            ProjectScanner scanner = new ProjectScanner(config.root(), settings);
            ConceptRegistry concepts = scanner.parseConcepts();
            List<Diagnostic> errors = new ArrayList<>(concepts.errors());
            try (Stream<ParsedSpec> s = scanner.specs(concepts)) {
                s.forEach(p -> errors.addAll(p.errors()));
            }
            if (!errors.isEmpty()) {
                errors.forEach(d -> out.println(d));
                out.println("Not formatting: fix the " + errors.size() + " parse error(s) first.");
                return 2;
            }
            SpecFormatter formatter = new SpecFormatter();
            int[] changed = {0};
            try (Stream<ParsedSpec> s = scanner.specs(concepts)) {
                for (ParsedSpec p : (Iterable<ParsedSpec>) s::iterator) {
                    String text = formatter.format(p).text().orElseThrow();
                    Path file = p.spec().file();
                    String old = Files.readString(file, StandardCharsets.UTF_8);
                    if (!old.equals(text)) {
                        changed[0]++;
                        out.println((check ? "would format " : "formatted ")
                                + config.root().relativize(file.toAbsolutePath()));
                        if (!check) {
                            Files.writeString(file, text, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            out.println(changed[0] == 0 ? "All specs are formatted." : changed[0] + " file(s) "
                    + (check ? "need formatting." : "formatted."));
            return check && changed[0] > 0 ? 1 : 0;
        }
    }

    @Command(name = "refactor", description = {
            "Rename a step in every spec and concept and in its Java implementation, all or nothing.",
            "OLD and NEW are written as in specs, with named parameters, e.g.",
            "  stepwise refactor \"Say <greeting> to <name>\" \"Greet <name> with <greeting>\"",
            "A NEW parameter named like an OLD one keeps each call site's argument; a new name gets the argument",
            "\"name\" (in concept headings <name>); OLD parameters missing from NEW are dropped."})
    static final class Refactor implements Callable<Integer> {
        @Mixin
        ProjectOptions common;

        @Parameters(index = "0", paramLabel = "OLD", description = "The step as it is written now.")
        String oldText;

        @Parameters(index = "1", paramLabel = "NEW", description = "The step as it should be written.")
        String newText;

        @Option(names = "--strict", description = "Refuse (change nothing) when the step has no implementation in "
                + "code, instead of renaming only the specs with a warning.")
        boolean strict;

        @Option(names = "--timing", hidden = true, description = "Print where the time went (for scripts/bench).")
        boolean timing;

        @Override
        public Integer call() throws RefactorException {
            long t0 = System.nanoTime();
            Resolved r = common.resolve(List.of());
            ProjectConfig config = r.config();
            PrintStream out = Context.OUT.get();
            StepRename rename = StepRename.of(oldText, newText);
            ProjectScanner scanner = new ProjectScanner(config.root(), config.parserSettings());
            boolean verbose = common.verbose;
            ConsoleReporter console = new ConsoleReporter(out, config.root(), false, verbose);
            RunnerLauncher launcher = new RunnerLauncher(Context.ENV.get(), defaultRunnerDir(),
                    (level, message, stderr) -> {
                        if (verbose) {
                            console.line(level, message, stderr);
                        }
                    }, 1);
            // The runner starts while the specs are read; a concept rename never uses it and stops it unused.
            CompletableFuture<RunnerLauncher.Connection> starting =
                    CompletableFuture.supplyAsync(() -> launcher.connect(config));
            boolean[] used = {false};
            StepRefactoring.Outcome outcome;
            long tRun = System.nanoTime();
            try {
                outcome = new StepRefactoring(config.root(), config.parserSettings().allowMultilineStep(), strict)
                        .run(rename, scanner.specFiles(), scanner.conceptFiles(), () -> {
                            used[0] = true;
                            return refactorer(starting.join(), config);
                        });
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            } finally {
                if (!used[0]) {
                    starting.thenAccept(c -> refactorer(c, config).close()).exceptionally(e -> null).join();
                }
            }
            outcome.warnings().forEach(w -> out.println("warning: " + w));
            out.println("Renamed '" + rename.oldText() + "' to '" + rename.newText() + "' (" + outcome.specOccurrences()
                    + " use(s) in specs and concepts); changed " + outcome.changedFiles().size() + " file(s):");
            for (Path f : outcome.changedFiles()) {
                out.println("  " + (f.startsWith(config.root()) ? config.root().relativize(f) : f));
            }
            if (timing) {
                long before = (tRun - t0) / 1_000_000;
                StepRefactoring.Timings t = outcome.timings();
                out.printf("timing: specs %d ms, runner %d ms, written %d ms, done %d ms (after the command started)%n",
                        before + t.specsMs(), before + t.runnerMs(), before + t.writtenMs(),
                        (System.nanoTime() - t0) / 1_000_000);
            }
            return 0;
        }

        private static CodeRefactorer refactorer(RunnerLauncher.Connection c, ProjectConfig config) {
            return new GrpcCodeRefactorer(c, config.gauge().runnerRequestTimeout(),
                    config.gauge().runnerConnectionTimeout(), config.gauge().killTimeout());
        }
    }
}
