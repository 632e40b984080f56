package dev.stepwise.host.parser.fuzz;

import dev.stepwise.host.parser.Concept;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.Diagnostic;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.ParserSettings;
import dev.stepwise.host.parser.Resolver;
import dev.stepwise.host.parser.Scenario;
import dev.stepwise.host.parser.Spec;
import dev.stepwise.host.parser.Step;
import dev.stepwise.host.parser.StepArg;
import dev.stepwise.host.parser.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What the parser fuzz tests share: two identical throw-away projects (each with files outside it and symbolic links
 * pointing in and out), the bound every parse must finish within, and the invariants every parse result must satisfy.
 *
 * <p>The oracle is: no exception escapes (the parser reports problems as diagnostics), no parse of an input of at
 * most {@link #MAX_INPUT_BYTES} takes longer than {@link #PARSE_BOUND}, every diagnostic points into the file, and
 * no content of a file outside the project root reaches the parse tree or the resolver's output. The last is checked
 * differentially: the files outside {@link #PROJECT} hold {@link #OUTSIDE_SECRET}, those outside {@link #CONTROL}
 * hold another text. Jazzer learns the constants a test compares against and soon types the secret into the spec
 * itself (once even spelled with escapes the parser removes), so the secret in a result proves a leak only when the
 * same input parsed in the control project does not give it too.
 */
final class FuzzSupport {

    /** Inputs are cut to this size: the bound below is promised for inputs up to 64 KiB. */
    static final int MAX_INPUT_BYTES = 64 * 1024;

    /**
     * The longest a fuzzing session of one fuzz test may take ({@code @FuzzTest(maxDuration)}), far above what its
     * {@code maxExecutions} take here: a cap against a machine that has become very slow, not the session's length
     * (a session stopped by it has run fewer inputs than the others and says so: {@code Done N runs}).
     */
    static final String SESSION_CAP = "10m";

    /** How long one parse (or parse and expand) may take before it counts as a hang. */
    static final Duration PARSE_BOUND = Duration.ofSeconds(10);

    /**
     * The text of the files outside {@link #PROJECT}. A constant, not a random value: Jazzer feeds the strings a test
     * compares against back into its inputs, so a random one would make two sessions with the same seed diverge (the
     * differential oracle, not the secret's secrecy, is what proves a leak).
     */
    static final String OUTSIDE_SECRET = "OUTSIDE-5f0c2a91-secret";

    /** The project root: data/users.csv, data/hello.txt, data/escape.txt (link out), data/inside.txt (link in). */
    static final Path PROJECT = sandbox("main", OUTSIDE_SECRET);

    /** The same layout, with other text outside. */
    static final Path CONTROL = sandbox("control", "CONTROL-7d41e6b3-other");

    /** gauge_data_dir = data, as in the parser's own test fixtures. */
    static final ParserSettings SETTINGS = ParserSettings.defaults().withDataDir("data");
    static final ParserSettings MULTILINE_SETTINGS = SETTINGS.withAllowMultilineStep(true);

    /** The parse runs here so that a hang is reported, not waited for (daemon: a stuck parse never blocks exit). */
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        // The default stack size, as the host's own threads have: deep nesting must not need a bigger one.
        Thread t = new Thread(r, "parser-fuzz-worker");
        t.setDaemon(true);
        return t;
    });

    /**
     * A fresh {@code target/parser-fuzz-sandbox/<name>} (the module's build folder; tests run in the module). Not a
     * random temp folder: its path is in every parse result and message the fuzz tests look at, and a session with a
     * fixed seed must see the same values on every run.
     */
    private static Path sandbox(String name, String outsideText) {
        try {
            Path base = Path.of("target", "parser-fuzz-sandbox", name).toAbsolutePath();
            deleteTree(base);
            Files.createDirectories(base);
            Path outside = Files.createDirectories(base.resolve("outside"));
            Files.writeString(outside.resolve("secret.txt"), outsideText);
            Files.writeString(outside.resolve("secret.csv"), "k\n" + outsideText + "\n");
            Path project = Files.createDirectories(base.resolve("project"));
            Path data = Files.createDirectories(project.resolve("data"));
            Files.writeString(data.resolve("users.csv"), "user,role\nalice,admin\nbob,viewer\n");
            Files.writeString(data.resolve("hello.txt"), "hello from a file");
            try {
                Files.createSymbolicLink(data.resolve("escape.txt"), outside.resolve("secret.txt"));
                Files.createSymbolicLink(data.resolve("escape.csv"), outside.resolve("secret.csv"));
                Files.createSymbolicLink(data.resolve("inside.txt"), data.resolve("hello.txt"));
            } catch (UnsupportedOperationException | IOException e) {
                // No symbolic links on this file system: the ../ cases still cover containment.
            }
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Deepest first; symbolic links are deleted, never followed.
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Fails when {@code rendered} (a result in {@link #PROJECT}) holds the outside text and {@code control} (the same
     * input's result in {@link #CONTROL}) does not: then the text came from a file outside the root.
     */
    static void assertContained(String rendered, Callable<String> control) throws Exception {
        if (rendered.contains(OUTSIDE_SECRET) && !bounded(rendered.length(), control).contains(OUTSIDE_SECRET)) {
            throw new AssertionError("the content of a file outside the project root reached the parse result");
        }
    }

    /** Everything a spec parse produced that could carry file contents, as text. */
    static String render(ParsedSpec parsed) {
        return parsed.spec().toString();
    }

    /** The concepts' steps (arguments and tables), as text. */
    static String render(ConceptRegistry registry) {
        StringBuilder sb = new StringBuilder();
        registry.concepts().forEach(c -> sb.append(c.steps()));
        return sb.toString();
    }

    private FuzzSupport() {
    }

    /** UTF-8 text of at most {@link #MAX_INPUT_BYTES} bytes (malformed sequences become U+FFFD). */
    static String text(byte[] input) {
        int n = Math.min(input.length, MAX_INPUT_BYTES);
        return new String(input, 0, n, StandardCharsets.UTF_8);
    }

    /** Cuts a string to at most {@link #MAX_INPUT_BYTES} UTF-8 bytes (roughly; chars are at most 3 bytes each). */
    static String cap(String s) {
        return s.length() * 3 <= MAX_INPUT_BYTES ? s : s.substring(0, MAX_INPUT_BYTES / 3);
    }

    /**
     * Runs {@code work} within {@link #PARSE_BOUND}; an exception from it is rethrown as is (that is the finding), a
     * hang fails with the input size.
     */
    static <T> T bounded(int inputChars, Callable<T> work) throws Exception {
        Future<T> f = WORKER.submit(work);
        try {
            return f.get(PARSE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("parsing an input of " + inputChars + " characters did not finish within "
                    + PARSE_BOUND.toSeconds() + " s: a hang or runaway work in the parser");
        }
    }

    /** The invariants of a parsed spec; {@code text} is what was parsed as {@code file}. */
    static void checkSpec(ParsedSpec parsed, Path file, String text) {
        require(parsed != null && parsed.spec() != null && parsed.diagnostics() != null, "null parse result");
        checkDiagnostics(parsed.diagnostics(), Map.of(file, text));
        Spec spec = parsed.spec();
        require(spec.file().equals(file), "spec file " + spec.file() + " is not " + file);
        spec.dataTable().ifPresent(t -> checkTable(t.table()));
        spec.contexts().forEach(FuzzSupport::checkStep);
        spec.teardownSteps().forEach(FuzzSupport::checkStep);
        for (Scenario s : spec.scenarios()) {
            require(s.line() >= 1 && s.spanEnd() >= s.spanStart() - 1, "scenario span " + s.line() + ".." + s.spanEnd());
            s.dataTable().ifPresent(t -> checkTable(t.table()));
            s.steps().forEach(FuzzSupport::checkStep);
        }
    }

    /** The invariants of a concept registry parsed from {@code files}. */
    static void checkConcepts(ConceptRegistry registry, Map<Path, String> files) {
        require(registry != null && registry.concepts() != null && registry.diagnostics() != null, "null registry");
        checkDiagnostics(registry.diagnostics(), files);
        for (Concept c : registry.concepts()) {
            require(files.containsKey(c.file()), "concept from unknown file " + c.file());
            c.steps().forEach(FuzzSupport::checkStep);
        }
    }

    /** Expands every step of the spec with the first data row; returns the row and the leaf steps, as text. */
    static String expandAll(Spec spec, Resolver resolver) {
        Map<String, String> row = Map.of();
        if (spec.dataTable().isPresent() && !spec.dataTable().get().table().rows().isEmpty()) {
            row = resolver.rowValues(spec.dataTable().get().table(), 0);
        }
        StringBuilder out = new StringBuilder(row.toString());
        List<Step> all = new ArrayList<>(spec.contexts());
        spec.scenarios().forEach(s -> all.addAll(s.steps()));
        all.addAll(spec.teardownSteps());
        for (Step step : all) {
            out.append(resolver.expand(step, row));
        }
        return out.toString();
    }

    private static void checkDiagnostics(List<Diagnostic> diagnostics, Map<Path, String> files) {
        for (Diagnostic d : diagnostics) {
            String text = files.get(d.file());
            require(text != null, "diagnostic names a file that was not parsed: " + d);
            long lines = text.chars().filter(c -> c == '\n').count() + 1;
            require(d.line() >= 1 && d.line() <= lines + 1, "diagnostic line out of range (1.." + lines + "): " + d);
            require(d.column() >= 1, "diagnostic column below 1: " + d);
            require(!d.message().isBlank(), "blank diagnostic message: " + d);
        }
    }

    private static void checkStep(Step step) {
        require(step.line() >= 1 && step.endLine() >= step.line(), "step lines " + step.line() + ".." + step.endLine());
        for (StepArg a : step.args()) {
            a.table().ifPresent(FuzzSupport::checkTable);
        }
        step.concept().ifPresent(c -> require(c.steps() != null, "concept without steps list"));
    }

    private static void checkTable(Table t) {
        for (Table.Row r : t.rows()) {
            require(r.cells().size() == t.headers().size(), "row width " + r.cells().size() + " != header width "
                    + t.headers().size());
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** The texts of the repository's spec or concept files under the test resources (the seed corpus's source). */
    static List<String> corpus(String extension) {
        Path root = Path.of("src/test/resources/specs");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> f.toString().endsWith(extension)).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
