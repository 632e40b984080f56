package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes a fuzzing session of one fuzz test class repeatable when the system property {@value #SEED} is set (the
 * {@code jazzer-fuzz} profile of {@code host/pom.xml} sets it; {@code JAZZER_FUZZ=long} clears it for a random
 * session). Does nothing in regression mode or without the property.
 *
 * <p>Jazzer's JUnit integration reads libFuzzer's arguments from the configuration parameters
 * {@code jazzer.internal.arg.0..N} (argument 0 is the program name) and its project folder from
 * {@code jazzer.internal.basedir}, when it starts fuzzing, which is after this class's {@code beforeAll}; JUnit looks
 * configuration parameters up in the system properties at that moment. So, before the session starts:
 * <ul>
 *   <li>{@code -seed=<seed>} fixes libFuzzer's random choices; the run count is {@code @FuzzTest(maxExecutions)}
 *       ({@code -runs}), so the session ends after the same inputs every time;</li>
 *   <li>the project folder is a fresh temporary folder, so the corpus Jazzer grows ({@code .cifuzz-corpus/} under it)
 *       starts empty: a fresh clone and a machine that fuzzed for hours start from the same seed inputs (the committed
 *       {@code <TestClass>Inputs/} folders). The folder is deleted after the class;</li>
 *   <li>{@code -artifact_prefix} points back at the committed {@code <TestClass>Inputs/<method>/} folder, where
 *       Jazzer would put a crashing input for a normal project folder: a finding is written there as
 *       {@code crash-<sha1>} to fix and commit. (Jazzer still publishes a report entry saying it collects crashing
 *       inputs in the project root: with the prefix given here, that entry is wrong.)</li>
 *   <li>{@code -reload=0}: libFuzzer would otherwise re-read its corpus folder once a second, a clock-driven step.</li>
 * </ul>
 * Each fuzz test class fuzzes in its own JVM (the profile forks one per class), so these JVM-wide properties belong to
 * one session.
 */
public final class RepeatableFuzzSession implements BeforeAllCallback, AfterAllCallback {

    /** The libFuzzer seed of a repeatable session; blank or missing: leave Jazzer's defaults alone. */
    public static final String SEED = "stepwise.fuzz.seed";

    private static final String BASEDIR = "jazzer.internal.basedir";
    private static final String INSTRUMENTATION_EXCLUDES = "jazzer.instrumentation_excludes";
    private static final String ARG = "jazzer.internal.arg.";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            RepeatableFuzzSession.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        String seed = System.getProperty(SEED, "").strip();
        if (seed.isEmpty()) {
            return;
        }
        if (!seed.matches("[0-9]+")) {
            throw new IllegalArgumentException("system property " + SEED + " must be a libFuzzer seed (digits), not '"
                    + seed + "'");
        }
        Class<?> testClass = context.getRequiredTestClass();
        requireExcludedFromInstrumentation(testClass);
        Path inputs = inputsFolder(testClass);
        Files.createDirectories(inputs);
        Path base = Files.createTempDirectory("stepwise-fuzz-" + testClass.getSimpleName() + "-");
        context.getStore(NAMESPACE).put(BASEDIR, base);
        System.setProperty(BASEDIR, base.toString());
        List<String> args = List.of("stepwise-fuzz", "-seed=" + seed, "-reload=0",
                "-artifact_prefix=" + inputs.toAbsolutePath() + "/", "-print_final_stats=1");
        for (int i = 0; i < args.size(); i++) {
            System.setProperty(ARG + i, args.get(i));
        }
        System.clearProperty(ARG + args.size());
    }

    /**
     * JUnit loads a fuzz test class before Jazzer's agent exists; Jazzer would then number that class's coverage from
     * bytes the JVM reconstructs in an order that changes between runs. The profile keeps these classes out of
     * Jazzer's instrumentation by name, and a new fuzz test class must be added there.
     */
    private static void requireExcludedFromInstrumentation(Class<?> testClass) {
        List<String> excluded = List.of(System.getProperty(INSTRUMENTATION_EXCLUDES, "").split(":"));
        for (Class<?> c : List.of(testClass, RepeatableFuzzSession.class)) {
            if (!excluded.contains(c.getName())) {
                throw new IllegalStateException(c.getName() + " is not in " + INSTRUMENTATION_EXCLUDES + " ("
                        + System.getProperty(INSTRUMENTATION_EXCLUDES, "unset") + "): add it to fuzz.junitClasses in "
                        + "host/pom.xml, or the session cannot repeat");
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Path base = context.getStore(NAMESPACE).remove(BASEDIR, Path.class);
        if (base == null) {
            return;
        }
        // The session's corpus: every input that added coverage in this session, of no use once it is over.
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * {@code src/test/resources/<package>/<TestClass>Inputs/<method>} of the class's one {@code @FuzzTest} method, as
     * Jazzer names it (tests run in the module folder).
     */
    static Path inputsFolder(Class<?> testClass) {
        List<Method> fuzzTests = Arrays.stream(testClass.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(FuzzTest.class)).toList();
        if (fuzzTests.size() != 1) {
            throw new IllegalStateException(testClass.getName() + " must declare exactly one @FuzzTest method (Jazzer "
                    + "fuzzes one per JVM), found " + fuzzTests.size());
        }
        return Path.of("src", "test", "resources").resolve(testClass.getPackageName().replace('.', '/'))
                .resolve(testClass.getSimpleName() + "Inputs").resolve(fuzzTests.get(0).getName());
    }
}
