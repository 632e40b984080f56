package dev.stepwise.host.execution;

import dev.stepwise.host.execution.ExecutionState.ScenarioState;
import dev.stepwise.host.execution.ExecutionState.SpecState;
import dev.stepwise.host.execution.ExecutionState.StepCall;
import dev.stepwise.host.execution.ExecutionState.StepState;
import dev.stepwise.host.execution.RunnerClient.Hook;
import dev.stepwise.host.execution.RunnerClient.Level;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.DataTable;
import dev.stepwise.host.parser.Diagnostic;
import dev.stepwise.host.parser.ExecutableStep;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.ParserSettings;
import dev.stepwise.host.parser.ProjectScanner;
import dev.stepwise.host.parser.Resolver;
import dev.stepwise.host.parser.Scenario;
import dev.stepwise.host.parser.ScenarioSelector;
import dev.stepwise.host.parser.Spec;
import dev.stepwise.host.parser.SpecParser;
import dev.stepwise.host.parser.Step;
import dev.stepwise.host.parser.StepArg;
import dev.stepwise.host.parser.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Drives a serial run in Gauge's RPC order (gauge {@code execution/simpleExecution.go}, {@code specExecutor.go},
 * {@code scenarioExecutor.go}, {@code stepExecutor.go}).
 *
 * <p>Specs are parsed twice, lazily: once to collect the distinct steps for ValidateStep and report parse errors,
 * once to execute. Only one spec and the results of its current scenario are held at a time; results go to the
 * {@link ExecutionListener} as they happen.
 */
public final class Orchestrator {

    private final Path root;
    private final String projectName;
    private final ParserSettings settings;
    private final RunOptions options;
    private final ExecutionListener listener;
    private final ExecutionEvents events;
    private final Resolver resolver;
    /** Absolute spec file to the lines selected with {@code file:LINE}; a file given without line is absent. */
    private final Map<Path, Set<Integer>> lineSelections = new HashMap<>();

    private final ParallelOptions parallel;

    // Run state, written by the main thread before any stream starts; streams only read it.
    private final Map<String, ValidationError> invalid = new HashMap<>();
    private int parseErrors;
    /** Spec results by file, merged over the units and streams that ran parts of a file; path order. */
    private final Map<Path, SpecResult> specResults = new TreeMap<>();

    /** {@code --restart-runner}: a serial run launches a fresh runner after its runner died. */
    private boolean restartRunner;
    /** The run's runner supplier, kept for restarts; runners launched by restarts, closed when the run ends. */
    private Supplier<RunnerClient> runnerSupplier;
    private final List<RunnerClient> restarted = new ArrayList<>();

    public Orchestrator(Path root, String projectName, ParserSettings settings, RunOptions options,
                        ExecutionListener listener) {
        this(root, projectName, settings, options, listener, ExecutionEvents.NONE);
    }

    /** As above; {@code events} gets the reporter notifications in Gauge's order. */
    public Orchestrator(Path root, String projectName, ParserSettings settings, RunOptions options,
                        ExecutionListener listener, ExecutionEvents events) {
        this(root, projectName, settings, options, ParallelOptions.serial(), listener, events);
    }

    /**
     * A run over {@code parallel.streams()} streams with retries and sharding. {@code listener} and {@code events}
     * are called from the stream threads: the listener under one lock (so it needs no locking of its own), the
     * events through {@link ExecutionEvents#forStream(int)}, one view per stream.
     */
    public Orchestrator(Path root, String projectName, ParserSettings settings, RunOptions options,
                        ParallelOptions parallel, ExecutionListener listener, ExecutionEvents events) {
        this.events = events;
        this.parallel = parallel;
        this.root = root.toAbsolutePath().normalize();
        this.projectName = projectName;
        this.options = options;
        this.listener = parallel.streams() > 1 ? new LockedListener(listener) : listener;
        List<String> dirs = new ArrayList<>();
        for (String arg : options.specArgs()) {
            ScenarioSelector.Selection sel = ScenarioSelector.parse(arg);
            Path abs = this.root.resolve(sel.file()).toAbsolutePath().normalize();
            dirs.add(abs.toString());
            if (sel.line().isPresent()) {
                lineSelections.computeIfAbsent(abs, k -> new TreeSet<>()).add(sel.line().getAsInt());
            }
        }
        this.settings = dirs.isEmpty() ? settings : settings.withSpecDirs(dirs);
        this.resolver = new Resolver(this.root, this.settings);
    }

    /**
     * {@code --restart-runner}, serial runs only (one stream; ignored when streams run in parallel). When the runner
     * dies, the in-flight scenario fails with the cause and the rest of that spec is reported skipped, as without the
     * option; then, before the next spec that has something to run, a fresh runner is launched (same handshake) and
     * gets InitializeSuiteDataStore only. User code in the fresh runner sees an empty suite data store and static state
     * of a new JVM: before-suite hooks do not run again, and after-suite hooks are not sent at the end of a run whose
     * runner was restarted (they would run without their before-suite state). The exit code stays 1.
     */
    public Orchestrator withRunnerRestarts(boolean restart) {
        this.restartRunner = restart;
        return this;
    }

    /** The result of the first pass. */
    private record Scan(ConceptRegistry concepts, Map<String, StepUse> steps, int selectedSpecs, List<WorkUnit> units) {
    }

    /** The first use of a distinct step value. */
    private record StepUse(Path file, int line, String text, StepSignature signature) {
    }

    // ---------------------------------------------------------------- validate

    /** Parses, validates every distinct step and sends Kill: {@code stepwise validate}. */
    public SuiteResult validate(Supplier<RunnerClient> runner) {
        long start = System.currentTimeMillis();
        Scan scan = scan();
        if (scan.steps().isEmpty()) {
            return finish(List.of(), start, false, false, List.of());
        }
        RunnerClient client = runner.get();
        try {
            validateSteps(scan, client);
            client.kill();
        } finally {
            client.close();
        }
        return finish(List.of(), start, false, false, List.of());
    }

    // ---------------------------------------------------------------- run

    /** The units of work this run executes (after sharding), in path-then-line order, without running anything. */
    public List<WorkUnit> plannedUnits() {
        return shardUnits(scan().units());
    }

    private List<WorkUnit> shardUnits(List<WorkUnit> all) {
        List<WorkUnit> sorted = new ArrayList<>(all);
        sorted.sort(WorkUnit.ORDER);
        ParallelOptions.Shard shard = parallel.shard();
        return shard.isAll() ? sorted : Sharding.select(sorted, shard.index(), shard.count(), parallel.durations());
    }

    /**
     * Runs the selected specs; runners are launched only if something can run. {@code runner} is called once per
     * runner process: once for a serial or multithreaded run, once per stream in multi-process mode (concurrently).
     *
     * <p>Suite hooks run once per run in every mode. With several runner processes, the first ("lead") process
     * gets StartExecution before any stream starts and FinishExecution after every stream has finished; the other
     * processes only get InitializeSuiteDataStore, so their suite hooks never run (docs/distributed.md).
     */
    public SuiteResult run(Supplier<RunnerClient> runner) {
        long start = System.currentTimeMillis();
        Scan scan = scan();
        if (scan.selectedSpecs() == 0) {
            return finish(List.of(), start, false, false, List.of());
        }
        List<WorkUnit> units = parallel.plansUnits() ? shardUnits(scan.units()) : null;
        if (units != null && units.isEmpty()) {
            // This shard got nothing (more shards than units): nothing to start a runner for.
            return finish(List.of(), start, false, false, List.of());
        }
        boolean inParallel = parallel.streams() > 1;
        int streams = units == null ? 1 : Math.max(1, Math.min(parallel.streams(), units.size()));
        boolean multiProcess = inParallel && !parallel.multithreaded() && streams > 1;

        runnerSupplier = runner;
        RunnerClient lead = runner.get();
        // The other runner processes start while the lead validates the steps.
        List<CompletableFuture<RunnerClient>> others = new ArrayList<>();
        if (multiProcess) {
            for (int i = 2; i <= streams; i++) {
                others.add(CompletableFuture.supplyAsync(runner));
            }
        }
        List<Lane> lanes = new ArrayList<>();
        try {
            validateSteps(scan, lead);
            if (!inParallel) {
                lanes.add(new Lane(lead, lead, 0, events));
            } else if (!multiProcess) {
                // Gauge's multithreaded mode: InitializeSuiteDataStore with stream 0, everything else with 1..n.
                for (int i = 1; i <= streams; i++) {
                    lanes.add(new Lane(lead.forStream(i), i == 1 ? lead.forStream(0) : null, i, events.forStream(i)));
                }
            } else {
                lanes.add(new Lane(lead.forStream(1), lead.forStream(1), 1, events.forStream(1)));
                for (int i = 2; i <= streams; i++) {
                    Lane lane;
                    try {
                        RunnerClient c = others.get(i - 2).join();
                        lane = new Lane(c.forStream(i), c.forStream(i), i, events.forStream(i));
                        lane.owned = c;
                    } catch (CompletionException e) {
                        // A runner that did not start is one dead stream; the others take its units (lazy).
                        lane = new Lane(null, null, i, events.forStream(i));
                        lane.deadReason = "Runner for stream " + i + " did not start: "
                                + (e.getCause() == null ? e : e.getCause()).getMessage();
                    }
                    lanes.add(lane);
                }
            }
            return execute(scan, units, lanes, start);
        } finally {
            for (Lane lane : lanes) {
                if (lane.owned != null) {
                    lane.owned.close();
                }
            }
            for (CompletableFuture<RunnerClient> f : others) {
                if (!f.isDone() || f.isCompletedExceptionally()) {
                    f.thenAccept(RunnerClient::close).exceptionally(e -> null);
                }
            }
            lead.close();
            for (RunnerClient c : restarted) {
                c.close();
            }
        }
    }

    private SuiteResult execute(Scan scan, List<WorkUnit> units, List<Lane> lanes, long start) {
        Lane lead = lanes.get(0);
        List<Failure> suiteFailures = new ArrayList<>();
        boolean suiteFailed = false;
        boolean runSpecs = true;
        // One suite data store per runner process.
        for (Lane lane : lanes) {
            if (lane.suiteClient == null) {
                continue;
            }
            Outcome init = lane.suiteClient.initDataStore(Level.SUITE);
            if (init.runnerDied()) {
                lane.die(init);
                suiteFailures.add(lane.runnerFailure(null, 0));
                runSpecs &= lane != lead;
            } else if (init.failed()) {
                suiteFailures.add(new Failure("suite data store init", root, 0, "", init.errorMessage(),
                        init.stackTrace()));
                suiteFailed = true;
                runSpecs = false;
            }
        }
        boolean hooksRan = runSpecs;
        if (runSpecs) {
            events.suiteStarting(lead.state());
            Outcome before = lead.client.hook(Hook.START_EXECUTION, lead.state());
            events.suiteStarted(lead.state(), before);
            if (before.runnerDied()) {
                lead.die(before);
                suiteFailures.add(lead.runnerFailure(null, 0));
                runSpecs = false;
                hooksRan = false;
            } else if (before.failed()) {
                suiteFailures.add(new Failure("before-suite hook", root, 0, "", before.errorMessage(),
                        before.stackTrace()));
                suiteFailed = true;
                runSpecs = false;
            }
        }
        // A runner that died before the specs started (suite data store, before-suite hook) is not restarted.
        lead.restartable = runSpecs;
        if (runSpecs || lead.deadReason != null) {
            // After a runner death the remaining specs are still walked so each scenario is reported skipped.
            if (units == null) {
                try (Stream<ParsedSpec> specs = new ProjectScanner(root, settings).specs(scan.concepts())) {
                    specs.forEach(p -> lead.runSpec(p, -1));
                }
            } else {
                runUnits(scan, units, lanes);
            }
        }
        if (hooksRan && lead.deadReason == null && lead.restarts == 0) {
            events.suiteEnding(lead.state());
            Outcome after = lead.client.hook(Hook.FINISH_EXECUTION, lead.state());
            events.afterHook(Level.SUITE, after);
            if (after.runnerDied()) {
                lead.die(after);
                suiteFailures.add(lead.runnerFailure(null, 0));
            } else if (after.failed()) {
                suiteFailures.add(new Failure("after-suite hook", root, 0, "", after.errorMessage(),
                        after.stackTrace()));
                suiteFailed = true;
            }
        }
        for (Lane lane : lanes) {
            if (lane.suiteClient != null && lane.deadReason == null) {
                lane.suiteClient.kill();
            }
        }
        boolean anyDead = false;
        for (Lane lane : lanes) {
            anyDead |= lane.restarts > 0;
            if (lane.deadReason != null) {
                anyDead = true;
                if (lane != lead && suiteFailures.stream().noneMatch(f -> f.message().equals(lane.deadReason))) {
                    suiteFailures.add(lane.runnerFailure(null, 0));
                }
            }
        }
        return finish(suiteFailures, start, suiteFailed, anyDead, lanes);
    }

    /** Hands the units to the streams: one thread per stream, lazily from a shared queue or dealt up front. */
    private void runUnits(Scan scan, List<WorkUnit> units, List<Lane> lanes) {
        for (Lane lane : lanes) {
            lane.parser = new SpecParser(root, settings, scan.concepts());
        }
        if (lanes.size() == 1) {
            units.forEach(lanes.get(0)::runUnit);
            return;
        }
        ConcurrentLinkedQueue<WorkUnit> queue = new ConcurrentLinkedQueue<>(units);
        List<List<WorkUnit>> dealt = new ArrayList<>();
        for (int i = 0; i < lanes.size(); i++) {
            dealt.add(new ArrayList<>());
        }
        for (int k = 0; k < units.size(); k++) {
            dealt.get(k % lanes.size()).add(units.get(k));
        }
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            List<WorkUnit> mine = dealt.get(i);
            Thread t = new Thread(() -> {
                try {
                    if (parallel.strategy() == ParallelOptions.Strategy.EAGER) {
                        // A stream whose runner died still walks its units so each is reported skipped.
                        mine.forEach(lane::runUnit);
                    } else {
                        WorkUnit u;
                        while (lane.deadReason == null && (u = queue.poll()) != null) {
                            lane.runUnit(u);
                        }
                    }
                } catch (Throwable e) {
                    crash.compareAndSet(null, e);
                }
            }, "stepwise-stream-" + lane.runnerId);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the streams ran", e);
            }
        }
        // Units left when every stream's runner died are reported skipped (by a dead stream).
        WorkUnit u;
        while ((u = queue.poll()) != null && parallel.strategy() == ParallelOptions.Strategy.LAZY) {
            lanes.get(0).runUnit(u);
        }
        if (crash.get() != null) {
            throw new IllegalStateException("a stream failed: " + crash.get(), crash.get());
        }
    }

    private SuiteResult finish(List<Failure> suiteFailures, long start, boolean suiteFailed, boolean anyDead,
                               List<Lane> lanes) {
        int specs;
        int specsFailed = 0;
        int specsSkipped = 0;
        synchronized (specResults) {
            specs = specResults.size();
            for (SpecResult s : specResults.values()) {
                if (s.status() == Status.FAILED) {
                    specsFailed++;
                } else if (s.status() == Status.SKIPPED) {
                    specsSkipped++;
                }
            }
        }
        int passed = 0;
        int failedScenarios = 0;
        int skipped = 0;
        int flaky = 0;
        for (Lane lane : lanes) {
            passed += lane.counts.passed;
            failedScenarios += lane.counts.failed;
            skipped += lane.counts.skipped;
            flaky += lane.counts.flaky;
        }
        boolean failed = suiteFailed || specsFailed > 0;
        int exit;
        if (anyDead) {
            exit = 1;
        } else if (parseErrors > 0) {
            exit = 2;
        } else if (failed || failedScenarios > 0 || !suiteFailures.isEmpty()) {
            exit = 1;
        } else if (!invalid.isEmpty()) {
            exit = 3;
        } else {
            exit = 0;
        }
        SuiteResult r = new SuiteResult(specs, specsFailed, specsSkipped, passed, failedScenarios, skipped,
                parseErrors, invalid.size(), suiteFailures, System.currentTimeMillis() - start, exit, flaky);
        listener.suiteFinished(r);
        events.suiteFinished(r);
        return r;
    }

    /** Merges one part of a spec file's result (a unit, or the whole file) into the run's spec results. */
    private void recordSpec(SpecResult part) {
        synchronized (specResults) {
            specResults.merge(part.file().toAbsolutePath().normalize(), part, Orchestrator::mergeSpec);
        }
    }

    /** Two parts of one spec file: counts add, failures concatenate, failed wins over passed over skipped. */
    static SpecResult mergeSpec(SpecResult a, SpecResult b) {
        Status status = a.status() == Status.FAILED || b.status() == Status.FAILED ? Status.FAILED
                : a.status() == Status.PASSED || b.status() == Status.PASSED ? Status.PASSED : Status.SKIPPED;
        List<Failure> failures = new ArrayList<>(a.failures());
        failures.addAll(b.failures());
        return new SpecResult(a.file(), a.heading(), status, a.passed() + b.passed(), a.failed() + b.failed(),
                a.skipped() + b.skipped(), failures, a.durationMillis() + b.durationMillis());
    }

    /** Serialises a listener that stream threads call concurrently; each stream's calls keep their order. */
    private static final class LockedListener implements ExecutionListener {
        private final ExecutionListener delegate;

        LockedListener(ExecutionListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void diagnostics(Path file, List<Diagnostic> diagnostics) {
            delegate.diagnostics(file, diagnostics);
        }

        @Override
        public synchronized void validationFailed(List<ValidationError> errors) {
            delegate.validationFailed(errors);
        }

        @Override
        public synchronized void specStarting(Path file, String heading) {
            delegate.specStarting(file, heading);
        }

        @Override
        public synchronized void scenarioStarting(Path file, String heading, String row) {
            delegate.scenarioStarting(file, heading, row);
        }

        @Override
        public synchronized void scenarioFinished(ScenarioResult result) {
            delegate.scenarioFinished(result);
        }

        @Override
        public synchronized void specFinished(SpecResult result) {
            delegate.specFinished(result);
        }

        @Override
        public synchronized void suiteFinished(SuiteResult result) {
            delegate.suiteFinished(result);
        }

        @Override
        public synchronized void runnerRestarted(int count, String cause) {
            delegate.runnerRestarted(count, cause);
        }
    }

    // ---------------------------------------------------------------- pass 1

    private Scan scan() {
        ProjectScanner scanner = new ProjectScanner(root, settings);
        ConceptRegistry concepts = scanner.parseConcepts();
        Map<Path, List<Diagnostic>> byFile = new LinkedHashMap<>();
        for (Diagnostic d : concepts.diagnostics()) {
            byFile.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(d);
        }
        byFile.forEach(listener::diagnostics);
        parseErrors += (int) concepts.diagnostics().stream().filter(Diagnostic::isError).count();

        Map<String, StepUse> steps = new LinkedHashMap<>();
        List<WorkUnit> units = new ArrayList<>();
        int[] selected = {0};
        try (Stream<ParsedSpec> specs = scanner.specs(concepts)) {
            specs.forEach(parsed -> {
                List<Diagnostic> diags = new ArrayList<>(parsed.diagnostics());
                Selected sel = select(parsed.spec());
                sel.error().ifPresent(diags::add);
                if (!diags.isEmpty()) {
                    listener.diagnostics(parsed.spec().file(), diags);
                }
                parseErrors += (int) diags.stream().filter(Diagnostic::isError).count();
                Spec spec = parsed.spec();
                if (parsed.hasErrors() || sel.error().isPresent()) {
                    selected[0]++;
                    units.add(unit(spec, -1));
                    return;
                }
                if (sel.indices().isEmpty()) {
                    return;
                }
                selected[0]++;
                if (parallel.unit() == ParallelOptions.UnitKind.SCENARIO) {
                    sel.indices().forEach(i -> units.add(unit(spec, i)));
                } else {
                    units.add(unit(spec, -1));
                }
                collect(spec.file(), spec.contexts(), steps);
                collect(spec.file(), spec.teardownSteps(), steps);
                for (int i : sel.indices()) {
                    collect(spec.file(), spec.scenarios().get(i).steps(), steps);
                }
            });
        }
        return new Scan(concepts, steps, selected[0], units);
    }

    private WorkUnit unit(Spec spec, int scenarioIndex) {
        Path abs = spec.file().toAbsolutePath().normalize();
        String rel = (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
        return new WorkUnit(abs, rel, scenarioIndex,
                scenarioIndex < 0 ? 0 : spec.scenarios().get(scenarioIndex).line());
    }

    private static void collect(Path file, List<Step> steps, Map<String, StepUse> into) {
        for (Step s : steps) {
            if (s.isConcept()) {
                collect(s.concept().get().file(), s.conceptSteps(), into);
            } else {
                into.computeIfAbsent(s.value(), v -> new StepUse(file, s.line(), s.text(),
                        new StepSignature(s.value(), s.parameterizedValue(), s.parameterNames())));
            }
        }
    }

    private void validateSteps(Scan scan, RunnerClient client) {
        List<ValidationError> errors = new ArrayList<>();
        for (StepUse use : scan.steps().values()) {
            Validation v = client.validateStep(use.signature());
            if (!v.valid()) {
                ValidationError e = new ValidationError(use.file(), use.line(), use.text(), v);
                invalid.put(use.signature().value(), e);
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            listener.validationFailed(errors);
        }
    }

    /** The scenarios of a spec that the line selection and the tag filter keep. */
    private record Selected(List<Integer> indices, Optional<Diagnostic> error) {
    }

    private Selected select(Spec spec) {
        Set<Integer> lines = lineSelections.get(spec.file().toAbsolutePath().normalize());
        Set<Integer> byLine = null;
        if (lines != null) {
            byLine = new TreeSet<>();
            for (int line : lines) {
                ScenarioSelector.Result r = ScenarioSelector.select(spec, line);
                if (r.error().isPresent()) {
                    return new Selected(List.of(), r.error());
                }
                byLine.add(r.scenarioIndex().getAsInt());
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < spec.scenarios().size(); i++) {
            if (byLine != null && !byLine.contains(i)) {
                continue;
            }
            Scenario sc = spec.scenarios().get(i);
            Set<String> tags = new LinkedHashSet<>(spec.tags());
            tags.addAll(sc.tags());
            if (options.tags().matches(tags)) {
                out.add(i);
            }
        }
        return new Selected(out, Optional.empty());
    }

    // ---------------------------------------------------------------- one execution stream

    /**
     * One execution stream: its runner client (a stream view of a shared or its own runner), its ExecutionInfo
     * state, its reporter events and its counts. A stream runs on one thread; nothing here is shared with other
     * streams except through {@link #recordSpec} and the listener (locked) and the events (per-stream views).
     */
    private final class Lane {
        /** The runner, with this stream's number in every request; null when the runner did not start. */
        RunnerClient client;
        /** Gets InitializeSuiteDataStore and Kill: the process owner's view; null for other streams of one runner. */
        RunnerClient suiteClient;
        /** Fresh runners launched after this stream's runner died ({@code --restart-runner}). */
        int restarts;
        /** A restart failed: no more attempts. */
        boolean restartFailed;
        /** The specs started with a live runner: only then may a dead runner be restarted. */
        boolean restartable;
        /** Gauge's ExecutionInfo.runnerId: 0 when serial, 1..n in parallel. */
        final int runnerId;
        final ExecutionEvents events;
        final Counts counts = new Counts();
        /** The runner this stream launched and closes (multi-process streams 2..n). */
        RunnerClient owned;
        SpecParser parser;
        String deadReason;
        private SpecState specState;
        private ScenarioState scenarioState;
        private StepState stepState;

        Lane(RunnerClient client, RunnerClient suiteClient, int runnerId, ExecutionEvents events) {
            this.client = client;
            this.suiteClient = suiteClient;
            this.runnerId = runnerId;
            this.events = events;
        }

        // ---------------------------------------------------------------- pass 2: specs

        private static final class Counts {
            int passed;
            int failed;
            int skipped;
            int flaky;
        }

        /** One planned scenario run: a scenario with its spec row and scenario row (-1 when not data-driven). */
        private record Run(Scenario scenario, int specRow, int scenarioRow) {
        }

        /** Runs one unit: its spec file parsed again, limited to the unit's scenario. */
        void runUnit(WorkUnit unit) {
            runSpec(parser.parse(unit.file()), unit.scenarioIndex());
        }

        /** Runs a spec: all its selected scenarios, or only {@code onlyScenario} when that is not -1. */
        void runSpec(ParsedSpec parsed, int onlyScenario) {
            Spec spec = parsed.spec();
            Selected sel = select(spec);
            if (onlyScenario >= 0 && sel.error().isEmpty()) {
                sel = new Selected(sel.indices().contains(onlyScenario) ? List.of(onlyScenario) : List.of(),
                        sel.error());
            }
            if (parsed.hasErrors() || sel.error().isPresent()) {
                List<Failure> failures = new ArrayList<>();
                for (Diagnostic d : parsed.errors()) {
                    failures.add(new Failure("parse error", d.file(), d.line(), "", d.message(), ""));
                }
                sel.error().ifPresent(d -> failures.add(new Failure("selection", d.file(), d.line(), "", d.message(),
                        "")));
                SpecResult failed = new SpecResult(spec.file(), spec.heading(), Status.FAILED, 0, 0, 0, failures, 0);
                recordSpec(failed);
                listener.specFinished(failed);
                events.specFinished(failed);
                return;
            }
            if (sel.indices().isEmpty()) {
                return;
            }
            List<Run> runs = plan(spec, sel.indices());
            if (deadReason != null && runs.stream().anyMatch(r -> runnable(spec, r))) {
                restartIfAllowed();
            }
            listener.specStarting(spec.file(), spec.heading());
            events.specStarting(state(), spec);
            SpecTally tally = new SpecTally();
            List<Failure> specFailures = new ArrayList<>();

            List<String> contextErrors = invalidSteps(spec.contexts());
            contextErrors.addAll(invalidSteps(spec.teardownSteps()));
            boolean allInvalid = runs.stream().allMatch(r -> !contextErrors.isEmpty()
                    || !invalidSteps(r.scenario().steps()).isEmpty());
            if (deadReason != null || allInvalid) {
                for (Run r : runs) {
                    report(skippedResult(spec, r, deadReason != null ? List.of(deadReason) : validationReasons(spec, r)),
                            tally);
                }
                endSpec(spec, tally, specFailures);
                return;
            }

            specState = new SpecState(spec.heading(), spec.file().toAbsolutePath(), false, spec.tags());
            scenarioState = null;
            Outcome init = client.initDataStore(Level.SPEC);
            String skipAll = null;
            boolean runFinish = true;
            if (init.runnerDied()) {
                die(init);
                specFailures.add(runnerFailure(spec.file(), spec.headingLine()));
                skipAll = deadReason;
                runFinish = false;
            } else if (init.failed()) {
                specFailures.add(new Failure("spec data store init", spec.file(), spec.headingLine(), "",
                        init.errorMessage(), init.stackTrace()));
                skipAll = "spec data store initialisation failed: " + init.errorMessage();
                runFinish = false;
            } else {
                Outcome before = client.hook(Hook.START_SPEC, state());
                events.specStarted(state(), before);
                tally.millis += before.timeMillis();
                if (before.runnerDied()) {
                    die(before);
                    specFailures.add(runnerFailure(spec.file(), spec.headingLine()));
                    skipAll = deadReason;
                    runFinish = false;
                } else if (before.failed()) {
                    specFailures.add(new Failure("before-spec hook", spec.file(), spec.headingLine(), "",
                            before.errorMessage(), before.stackTrace()));
                    markSpecFailed();
                    skipAll = "before-spec hook failed: " + before.errorMessage();
                }
            }
            for (Run r : runs) {
                if (skipAll != null || deadReason != null) {
                    report(skippedResult(spec, r, List.of(deadReason != null ? deadReason : skipAll)), tally);
                    continue;
                }
                List<String> reasons = contextErrors.isEmpty() && invalidSteps(r.scenario().steps()).isEmpty()
                        ? List.of() : validationReasons(spec, r);
                if (!reasons.isEmpty()) {
                    report(skippedResult(spec, r, reasons), tally);
                    continue;
                }
                ScenarioResult result = runWithRetries(spec, r, tally);
                report(result, tally);
                if (result.status() == Status.FAILED) {
                    markSpecFailed();
                }
            }
            scenarioState = null;
            if (runFinish && deadReason == null) {
                Outcome after = client.hook(Hook.FINISH_SPEC, state());
                events.afterHook(Level.SPEC, after);
                tally.millis += after.timeMillis();
                if (after.runnerDied()) {
                    die(after);
                    specFailures.add(runnerFailure(spec.file(), spec.headingLine()));
                } else if (after.failed()) {
                    specFailures.add(new Failure("after-spec hook", spec.file(), spec.headingLine(), "",
                            after.errorMessage(), after.stackTrace()));
                    markSpecFailed();
                }
            }
            specState = null;
            endSpec(spec, tally, specFailures);
        }

        /** Whether a scenario run has no unimplemented step (so it needs a live runner). */
        private boolean runnable(Spec spec, Run r) {
            return invalidSteps(spec.contexts()).isEmpty() && invalidSteps(spec.teardownSteps()).isEmpty()
                    && invalidSteps(r.scenario().steps()).isEmpty();
        }

        /**
         * {@code --restart-runner}: replaces the dead runner of a serial run with a fresh one that got
         * InitializeSuiteDataStore (no suite hooks). When the launch or the data store fails, the runner stays dead
         * (the rest is reported skipped with both reasons) and no further restart is tried.
         */
        private void restartIfAllowed() {
            if (!restartRunner || !restartable || restartFailed || runnerSupplier == null || parallel.streams() > 1
                    || suiteClient == null || suiteClient != client) {
                return;
            }
            String died = deadReason;
            RunnerClient fresh;
            try {
                fresh = runnerSupplier.get();
            } catch (RuntimeException e) {
                restartFailed = true;
                deadReason = died + "\n(--restart-runner: a new runner did not start: " + e.getMessage() + ")";
                return;
            }
            restarted.add(fresh);
            Outcome init = fresh.initDataStore(Level.SUITE);
            if (init.runnerDied() || init.failed()) {
                restartFailed = true;
                deadReason = died + "\n(--restart-runner: the new runner failed InitializeSuiteDataStore: "
                        + init.errorMessage() + ")";
                return;
            }
            client = fresh;
            suiteClient = fresh;
            restarts++;
            deadReason = null;
            listener.runnerRestarted(restarts, died);
        }

        private static final class SpecTally {
            int passed;
            int failed;
            int skipped;
            int flaky;
            long millis;
        }

        private void report(ScenarioResult r, SpecTally tally) {
            switch (r.status()) {
                case PASSED -> tally.passed++;
                case FAILED -> tally.failed++;
                case SKIPPED -> tally.skipped++;
            }
            if (r.flaky()) {
                tally.flaky++;
            }
            tally.millis += r.durationMillis();
            listener.scenarioFinished(r);
            events.scenarioFinished(r);
        }

        private void endSpec(Spec spec, SpecTally t, List<Failure> specFailures) {
            Status status = t.failed > 0 || !specFailures.isEmpty() ? Status.FAILED
                    : t.passed == 0 ? Status.SKIPPED : Status.PASSED;
            counts.passed += t.passed;
            counts.failed += t.failed;
            counts.skipped += t.skipped;
            counts.flaky += t.flaky;
            SpecResult result = new SpecResult(spec.file(), spec.heading(), status, t.passed, t.failed, t.skipped,
                    specFailures, t.millis);
            recordSpec(result);
            listener.specFinished(result);
            events.specFinished(result);
        }

        private void markSpecFailed() {
            if (specState != null && !specState.failed()) {
                specState = new SpecState(specState.name(), specState.file(), true, specState.tags());
            }
        }

        /**
         * Gauge's data-driven expansion: one copy of the spec per (selected) data-table row; scenarios that use a column
         * (or every scenario, when contexts or teardown use one) repeat per row, the others run once in the first copy;
         * a scenario data table repeats its scenario per row.
         */
        private List<Run> plan(Spec spec, List<Integer> indices) {
            List<Run> runs = new ArrayList<>();
            Optional<Table> specTable = spec.dataTable().map(DataTable::table);
            Set<String> headers = specTable.map(t -> Set.copyOf(t.headers())).orElse(Set.of());
            boolean contextsUse = uses(spec.contexts(), headers) || uses(spec.teardownSteps(), headers);
            int rowCount = specTable.map(t -> t.rows().size()).orElse(0);
            List<Integer> rows = new ArrayList<>();
            if (rowCount == 0) {
                rows.add(-1);
            } else {
                for (int r = 0; r < rowCount; r++) {
                    if (options.tableRows().isEmpty() || options.tableRows().contains(r + 1)) {
                        rows.add(r);
                    }
                }
            }
            // Scenarios that do not use the table run in the first copy, even when --table-rows excludes every row.
            int first = rows.isEmpty() ? 0 : rows.get(0);
            if (rows.isEmpty()) {
                rows.add(-2);
            }
            for (int r : rows) {
                for (int i : indices) {
                    Scenario sc = spec.scenarios().get(i);
                    boolean usesTable = contextsUse || uses(sc.steps(), headers);
                    int specRow;
                    if (usesTable && rowCount > 0) {
                        if (r < 0) {
                            continue;
                        }
                        specRow = r;
                    } else {
                        if (r != first && !(r == -2)) {
                            continue;
                        }
                        // It does not use the table: no row of its own (it runs inside the first copy).
                        specRow = -1;
                    }
                    int scenarioRows = sc.dataTable().map(t -> t.table().rows().size()).orElse(0);
                    if (scenarioRows == 0) {
                        runs.add(new Run(sc, specRow, -1));
                    } else {
                        for (int j = 0; j < scenarioRows; j++) {
                            runs.add(new Run(sc, specRow, j));
                        }
                    }
                }
            }
            return runs;
        }

        private static boolean uses(List<Step> steps, Set<String> headers) {
            if (headers.isEmpty()) {
                return false;
            }
            for (Step s : steps) {
                for (StepArg a : s.args()) {
                    if (a.kind() == StepArg.Kind.DYNAMIC && headers.contains(a.value())) {
                        return true;
                    }
                    if (a.kind() == StepArg.Kind.TABLE && a.table().isPresent()) {
                        for (Table.Row row : a.table().get().rows()) {
                            for (Table.Cell c : row.cells()) {
                                if (c.kind() == Table.CellKind.DYNAMIC && headers.contains(c.value())) {
                                    return true;
                                }
                            }
                        }
                    }
                }
            }
            return false;
        }

        private List<String> invalidSteps(Collection<Step> steps) {
            List<String> out = new ArrayList<>();
            for (Step s : steps) {
                if (s.isConcept()) {
                    out.addAll(invalidSteps(s.conceptSteps()));
                } else if (invalid.containsKey(s.value())) {
                    out.add(s.text());
                }
            }
            return out;
        }

        private List<String> validationReasons(Spec spec, Run r) {
            List<String> out = new ArrayList<>();
            List<Step> all = new ArrayList<>(spec.contexts());
            all.addAll(r.scenario().steps());
            all.addAll(spec.teardownSteps());
            for (Step s : all) {
                for (String text : invalidSteps(List.of(s))) {
                    ValidationError e = invalid.values().stream().filter(v -> v.stepText().equals(text)).findFirst()
                            .orElse(null);
                    String why = e == null ? "Step implementation not found"
                            : e.validation().error().message();
                    out.add(why + " => '" + text + "' (" + spec.file().getFileName() + ":" + s.line() + ")");
                }
            }
            return out;
        }

        private ScenarioResult skippedResult(Spec spec, Run r, List<String> reasons) {
            return new ScenarioResult(spec.file(), spec.heading(), r.scenario().heading(), r.scenario().line(),
                    rowLabel(r), Status.SKIPPED, List.of(), reasons, List.of(), 0);
        }

        private static String rowLabel(Run r) {
            List<String> parts = new ArrayList<>();
            if (r.specRow() >= 0) {
                parts.add("row " + (r.specRow() + 1));
            }
            if (r.scenarioRow() >= 0) {
                parts.add("scenario row " + (r.scenarioRow() + 1));
            }
            return String.join(", ", parts);
        }

        // ---------------------------------------------------------------- scenarios and steps

        /** What happens after a step. */
        private enum Next { CONTINUE, STOP, SKIP, DEAD }

        /** Mutable bookkeeping of the scenario in flight. */
        private static final class ScenarioRun {
            final List<Failure> failures = new ArrayList<>();
            final List<String> skipReasons = new ArrayList<>();
            final List<String> messages = new ArrayList<>();
            long millis;
            boolean skipped;
        }

        /**
         * Runs a scenario, and again while it fails and retries are left ({@code --max-retries}, limited by
         * {@code --retry-only}). Each attempt is a full scenario (data store, hooks, steps) with
         * {@code ScenarioInfo.retries{maxRetries, currentRetry}} set; every attempt but the last is reported at once
         * with {@code finalAttempt=false}, the last is returned. A failed attempt that is retried does not mark the spec
         * failed.
         */
        private ScenarioResult runWithRetries(Spec spec, Run r, SpecTally tally) {
            int max = retriesFor(spec, r.scenario());
            for (int attempt = 0; ; attempt++) {
                SpecState before = specState;
                ScenarioResult result = runScenario(spec, r, attempt, max);
                boolean retry = result.status() == Status.FAILED && attempt < max && deadReason == null;
                result = result.asAttempt(attempt + 1, !retry);
                if (!retry) {
                    return result;
                }
                specState = before;
                tally.millis += result.durationMillis();
                listener.scenarioFinished(result);
                events.scenarioFinished(result);
            }
        }

        /** Retries this scenario may get: {@code --max-retries} if {@code --retry-only} matches its tags, else 0. */
        private int retriesFor(Spec spec, Scenario sc) {
            if (parallel.maxRetries() == 0) {
                return 0;
            }
            Set<String> tags = new LinkedHashSet<>(spec.tags());
            tags.addAll(sc.tags());
            return parallel.retryOnly().matches(tags) ? parallel.maxRetries() : 0;
        }

        private ScenarioResult runScenario(Spec spec, Run r, int attempt, int maxRetries) {
            Scenario sc = r.scenario();
            String row = rowLabel(r);
            listener.scenarioStarting(spec.file(), sc.heading(), row);
            ScenarioRun run = new ScenarioRun();
            Map<String, String> lookup = rowLookup(spec, r);

            Outcome init = client.initDataStore(Level.SCENARIO);
            if (init.runnerDied()) {
                die(init);
                run.failures.add(runnerFailure(spec.file(), sc.line()));
                return result(spec, sc, row, run);
            }
            if (init.failed()) {
                run.skipped = true;
                run.skipReasons.add("scenario data store initialisation failed: " + init.errorMessage());
                return result(spec, sc, row, run);
            }
            scenarioState = new ScenarioState(sc.heading(), sc.tags(), false, maxRetries, attempt);
            events.scenarioStarting(state(), sc, r.specRow(), r.scenarioRow());
            Outcome before = client.hook(Hook.START_SCENARIO, state());
            events.scenarioStarted(state(), before);
            absorb(before, run);
            Next next = Next.CONTINUE;
            if (before.runnerDied()) {
                die(before);
                run.failures.add(runnerFailure(spec.file(), sc.line()));
                return result(spec, sc, row, run);
            } else if (before.failed()) {
                failScenario(run, new Failure("before-scenario hook", spec.file(), sc.line(), "", before.errorMessage(),
                        before.stackTrace()));
            } else if (before.skipScenario()) {
                run.skipped = true;
                run.skipReasons.add(skipReason(before));
            } else {
                List<Step> steps = new ArrayList<>(spec.contexts());
                steps.addAll(sc.steps());
                for (Step step : steps) {
                    next = runTopLevel(spec, step, lookup, run);
                    if (next != Next.CONTINUE) {
                        break;
                    }
                }
                if (next != Next.DEAD) {
                    for (Step step : spec.teardownSteps()) {
                        Next t = runTopLevel(spec, step, lookup, run);
                        if (t == Next.DEAD) {
                            next = Next.DEAD;
                            break;
                        }
                        if (t == Next.STOP) {
                            break;
                        }
                    }
                }
            }
            if (next != Next.DEAD && deadReason == null) {
                Outcome after = client.hook(Hook.FINISH_SCENARIO, state());
                events.afterHook(Level.SCENARIO, after);
                absorb(after, run);
                if (after.runnerDied()) {
                    die(after);
                    run.failures.add(runnerFailure(spec.file(), sc.line()));
                } else if (after.failed()) {
                    failScenario(run, new Failure("after-scenario hook", spec.file(), sc.line(), "",
                            after.errorMessage(), after.stackTrace()));
                }
            }
            ScenarioResult result = result(spec, sc, row, run);
            scenarioState = null;
            return result;
        }

        private Map<String, String> rowLookup(Spec spec, Run r) {
            Map<String, String> specRow = r.specRow() >= 0 && spec.dataTable().isPresent()
                    ? resolver.rowValues(spec.dataTable().get().table(), r.specRow()) : Map.of();
            Map<String, String> scenarioRow = r.scenarioRow() >= 0 && r.scenario().dataTable().isPresent()
                    ? resolver.rowValues(r.scenario().dataTable().get().table(), r.scenarioRow()) : Map.of();
            return Resolver.merge(specRow, scenarioRow);
        }

        private static ScenarioResult result(Spec spec, Scenario sc, String row, ScenarioRun run) {
            Status status = !run.failures.isEmpty() ? Status.FAILED : run.skipped ? Status.SKIPPED : Status.PASSED;
            return new ScenarioResult(spec.file(), spec.heading(), sc.heading(), sc.line(), row, status, run.failures,
                    run.skipReasons, run.messages, run.millis);
        }

        private void failScenario(ScenarioRun run, Failure f) {
            run.failures.add(f);
            if (scenarioState != null && !scenarioState.failed()) {
                scenarioState = new ScenarioState(scenarioState.name(), scenarioState.tags(), true,
                        scenarioState.maxRetries(), scenarioState.currentRetry());
            }
            markSpecFailed();
        }

        private static void absorb(Outcome o, ScenarioRun run) {
            run.messages.addAll(o.messages());
            run.millis += o.timeMillis();
        }

        private static String skipReason(Outcome o) {
            if (!o.errorMessage().isEmpty()) {
                return o.errorMessage();
            }
            return o.messages().isEmpty() ? "skipped by the runner" : String.join("; ", o.messages());
        }

        /** Runs a spec step: a plain step, or a concept's leaf steps between concept notifications. */
        private Next runTopLevel(Spec spec, Step step, Map<String, String> lookup, ScenarioRun run) {
            List<ExecutableStep> leaves = resolver.expand(step, lookup);
            List<Step> open = new ArrayList<>();
            for (ExecutableStep leaf : leaves) {
                List<Step> chain = leaf.concepts();
                int common = 0;
                while (common < open.size() && common < chain.size() && open.get(common) == chain.get(common)) {
                    common++;
                }
                while (open.size() > common) {
                    Next n = notifyConcept(false, open.remove(open.size() - 1), lookup, spec, step, run);
                    if (n == Next.DEAD) {
                        return n;
                    }
                }
                while (open.size() < chain.size()) {
                    Step c = chain.get(open.size());
                    open.add(c);
                    Next n = notifyConcept(true, c, lookup, spec, step, run);
                    if (n == Next.DEAD) {
                        return n;
                    }
                }
                Next n = runLeaf(spec, step, leaf, run);
                if (n != Next.CONTINUE) {
                    // A non-recoverable failure ends the concept without NotifyConceptExecutionEnding, as in Gauge.
                    return n;
                }
            }
            while (!open.isEmpty()) {
                Next n = notifyConcept(false, open.remove(open.size() - 1), lookup, spec, step, run);
                if (n == Next.DEAD) {
                    return n;
                }
            }
            return Next.CONTINUE;
        }

        private Next notifyConcept(boolean starting, Step concept, Map<String, String> lookup, Spec spec, Step top,
                                   ScenarioRun run) {
            if (!client.wantsConceptMessages()) {
                // Reporters hear about concepts whatever the runner's conceptMessages flag says, as in Gauge.
                notifyConceptEvent(starting, concept, lookup, top);
                return Next.CONTINUE;
            }
            // While a concept runs, currentStep holds the concept step itself.
            stepState = new StepState(new StepCall(concept.text(), concept.value(),
                    concept == top ? resolver.resolve(concept, lookup) : List.of()), false, "", "");
            Outcome o = client.concept(starting, state());
            stepState = null;
            notifyConceptEvent(starting, concept, lookup, top);
            absorb(o, run);
            if (o.runnerDied()) {
                die(o);
                run.failures.add(runnerFailure(spec.file(), top.line()));
                return Next.DEAD;
            }
            if (o.failed()) {
                failScenario(run, new Failure(starting ? "concept start notification" : "concept end notification",
                        spec.file(), top.line(), concept.text(), o.errorMessage(), o.stackTrace()));
            }
            return Next.CONTINUE;
        }

        /** P(ConceptExecutionStarting/Ending): after the runner's notification, with the concept as currentStep. */
        private void notifyConceptEvent(boolean starting, Step concept, Map<String, String> lookup, Step top) {
            StepState saved = stepState;
            stepState = new StepState(new StepCall(concept.text(), concept.value(),
                    concept == top ? resolver.resolve(concept, lookup) : List.of()), false, "", "");
            if (starting) {
                events.conceptStarting(state(), concept, top);
            } else {
                events.conceptFinished(state(), concept);
            }
            stepState = saved;
        }

        private Next runLeaf(Spec spec, Step top, ExecutableStep leaf, ScenarioRun run) {
            StepCall call = new StepCall(leaf.step().text(), leaf.step().value(), leaf.parameters());
            String shown = leaf.concepts().isEmpty() ? leaf.step().text()
                    : leaf.step().text() + "  (in concept '" + top.text() + "')";
            stepState = new StepState(call, false, "", "");
            events.stepStarting(state(), leaf, top);
            Outcome before = client.hook(Hook.START_STEP, state());
            events.stepStarted(state(), before);
            absorb(before, run);
            if (before.runnerDied()) {
                stepState = null;
                die(before);
                run.failures.add(runnerFailure(spec.file(), top.line()));
                return Next.DEAD;
            }
            Outcome exec = null;
            if (before.failed()) {
                stepState = new StepState(call, true, before.errorMessage(), before.stackTrace());
                failScenario(run, new Failure("before-step hook", spec.file(), top.line(), shown, before.errorMessage(),
                        before.stackTrace()));
            } else {
                exec = client.executeStep(call);
                absorb(exec, run);
                if (exec.runnerDied()) {
                    stepState = null;
                    die(exec);
                    run.failures.add(new Failure("step (runner died)", spec.file(), top.line(), shown, deadReason, ""));
                    return Next.DEAD;
                }
                if (exec.failed()) {
                    stepState = new StepState(call, true, exec.errorMessage(), exec.stackTrace());
                    failScenario(run, new Failure(exec.recoverable() ? "step (continued on failure)" : "step",
                            spec.file(), top.line(), shown, exec.errorMessage(), exec.stackTrace()));
                }
            }
            Outcome after = client.hook(Hook.FINISH_STEP, state());
            events.stepFinished(state(), exec, after);
            absorb(after, run);
            stepState = null;
            if (after.runnerDied()) {
                die(after);
                run.failures.add(runnerFailure(spec.file(), top.line()));
                return Next.DEAD;
            }
            if (after.failed()) {
                failScenario(run, new Failure("after-step hook", spec.file(), top.line(), shown, after.errorMessage(),
                        after.stackTrace()));
                return Next.STOP;
            }
            if (before.failed()) {
                return Next.STOP;
            }
            if (exec.failed()) {
                return exec.recoverable() ? Next.CONTINUE : Next.STOP;
            }
            if (exec.skipScenario()) {
                run.skipped = true;
                run.skipReasons.add(skipReason(exec));
                return Next.SKIP;
            }
            return Next.CONTINUE;
        }

        // ---------------------------------------------------------------- helpers

        ExecutionState state() {
            return new ExecutionState(projectName, options.streams(), runnerId, options.executionArgs(), specState,
                    scenarioState, stepState);
        }

        void die(Outcome o) {
            if (deadReason == null) {
                deadReason = "Runner is not alive: " + o.errorMessage();
            }
        }

        Failure runnerFailure(Path file, int line) {
            return new Failure("runner", file == null ? root : file, line, "", deadReason, "");
        }
    }
}
