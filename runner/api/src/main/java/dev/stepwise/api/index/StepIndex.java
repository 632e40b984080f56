package dev.stepwise.api.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The build-time index of step and hook methods that
 * {@link dev.stepwise.api.processor.StepIndexProcessor} writes, so the runner finds steps
 * without scanning the classpath.
 *
 * <h2>Format (version 1)</h2>
 * The resource {@value #RESOURCE} is UTF-8 text with LF line ends. The first line is the header
 * {@code #stepwise-step-index<TAB>1}, the number being the format version. Every further
 * non-empty line is one annotation on one method, with tab-separated fields:
 * <ol start="0">
 *   <li>kind: {@code step}, {@code before-suite}, {@code after-suite}, {@code before-spec},
 *       {@code after-spec}, {@code before-scenario}, {@code after-scenario},
 *       {@code before-step} or {@code after-step} (a method with two annotations has two lines);</li>
 *   <li>the binary name of the declaring class, as {@link Class#getName()} gives it
 *       ({@code com.example.Outer$Inner});</li>
 *   <li>the method name;</li>
 *   <li>the parameter types, comma-separated, each as {@link Class#getName()} gives it for the
 *       erased type ({@code int}, {@code java.lang.String}, {@code [Ljava.lang.String;}); empty
 *       when the method has no parameters;</li>
 *   <li>the source file, relative to its source root ({@code com/example/Steps.java}); empty
 *       when unknown;</li>
 *   <li>the 1-based line where the method declaration starts (with its annotations); {@code 0}
 *       when unknown;</li>
 *   <li>for {@code step} lines only: one field per step text (aliases in declaration order), at
 *       least one.</li>
 * </ol>
 * In every field a backslash is written {@code \\}, a tab {@code \t}, a line feed {@code \n} and
 * a carriage return {@code \r}. Lines are sorted by class, method, parameter types and kind, so
 * the file is reproducible. Readers reject other versions and malformed lines with a message
 * naming the line.
 */
public final class StepIndex {

    /** Where the index lives in a class output directory or jar. */
    public static final String RESOURCE = "META-INF/stepwise/step-index.tsv";

    /** The format version this class reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private static final String HEADER_PREFIX = "#stepwise-step-index\t";

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::className)
            .thenComparing(Entry::methodName)
            .thenComparing(e -> String.join(",", e.parameterTypes()))
            .thenComparing(Entry::kind);

    private final List<Entry> entries;

    private StepIndex(List<Entry> entries) {
        this.entries = entries;
    }

    /** What an index line declares. */
    public enum Kind {
        /** A {@code @Step} method. */
        STEP("step"),
        /** A {@code @BeforeSuite} hook. */
        BEFORE_SUITE("before-suite"),
        /** An {@code @AfterSuite} hook. */
        AFTER_SUITE("after-suite"),
        /** A {@code @BeforeSpec} hook. */
        BEFORE_SPEC("before-spec"),
        /** An {@code @AfterSpec} hook. */
        AFTER_SPEC("after-spec"),
        /** A {@code @BeforeScenario} hook. */
        BEFORE_SCENARIO("before-scenario"),
        /** An {@code @AfterScenario} hook. */
        AFTER_SCENARIO("after-scenario"),
        /** A {@code @BeforeStep} hook. */
        BEFORE_STEP("before-step"),
        /** An {@code @AfterStep} hook. */
        AFTER_STEP("after-step");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** @return the name used in the index file */
        public String id() {
            return id;
        }

        /** @return whether this kind is a hook rather than a step */
        public boolean isHook() {
            return this != STEP;
        }

        /**
         * @param id a kind as written in the index file
         * @return the kind
         * @throws IllegalArgumentException listing the known kinds if {@code id} is unknown
         */
        public static Kind fromId(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            List<String> ids = new ArrayList<>();
            for (Kind k : values()) {
                ids.add(k.id);
            }
            throw new IllegalArgumentException("Unknown step index kind '" + id + "'; known: " + ids);
        }
    }

    /**
     * One annotated method.
     *
     * @param kind what the annotation declares
     * @param className binary name of the declaring class
     * @param methodName the method name
     * @param parameterTypes erased parameter types as {@link Class#getName()} gives them
     * @param sourceFile source path relative to its source root; empty when unknown
     * @param line 1-based line of the declaration; 0 when unknown
     * @param texts the step texts for a step, empty for a hook
     */
    public record Entry(Kind kind, String className, String methodName, List<String> parameterTypes,
                        String sourceFile, int line, List<String> texts) {

        /**
         * Validates and copies.
         *
         * @throws IllegalArgumentException if a name is empty, the line is negative, a step has no
         *     text or a hook has texts
         */
        public Entry {
            Objects.requireNonNull(kind, "kind");
            requireNonEmpty(className, "className");
            requireNonEmpty(methodName, "methodName");
            parameterTypes = List.copyOf(parameterTypes);
            for (String p : parameterTypes) {
                requireNonEmpty(p, "parameter type");
            }
            sourceFile = sourceFile == null ? "" : sourceFile;
            if (line < 0) {
                throw new IllegalArgumentException("line must not be negative: " + line);
            }
            texts = List.copyOf(texts);
            if (kind == Kind.STEP && texts.isEmpty()) {
                throw new IllegalArgumentException("step " + className + "." + methodName + " has no text");
            }
            if (kind != Kind.STEP && !texts.isEmpty()) {
                throw new IllegalArgumentException(kind.id() + " hook " + className + "." + methodName + " has texts");
            }
        }

        /** @return {@code file:line}, or the class and method when the source is unknown */
        public String location() {
            if (sourceFile.isEmpty()) {
                return className + "." + methodName + "(" + String.join(",", parameterTypes) + ")";
            }
            return line > 0 ? sourceFile + ":" + line : sourceFile;
        }

        private static void requireNonEmpty(String s, String what) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
        }
    }

    /**
     * @param entries the entries, in any order
     * @return an index holding them in canonical order
     */
    public static StepIndex of(Collection<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        return new StepIndex(List.copyOf(sorted));
    }

    /**
     * Reads an index; the stream is read to its end but not closed.
     *
     * @param in the resource content
     * @return the index
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the content is not a valid index
     */
    public static StepIndex read(InputStream in) throws IOException {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * @param text the index content
     * @return the index
     * @throws IllegalArgumentException naming the 1-based line if the content is not a valid
     *     version-1 index
     */
    public static StepIndex parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] lines = text.split("\r?\n", -1);
        if (!lines[0].startsWith(HEADER_PREFIX)) {
            throw new IllegalArgumentException("Not a step index: line 1 must start with '#stepwise-step-index<TAB>'");
        }
        String version = lines[0].substring(HEADER_PREFIX.length()).strip();
        if (!version.equals(Integer.toString(FORMAT_VERSION))) {
            throw new IllegalArgumentException("Step index format version " + version + " is not supported; this reader"
                    + " reads version " + FORMAT_VERSION + " (rebuild the project with a matching stepwise-step-api)");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            try {
                entries.add(parseLine(lines[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Step index line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return of(entries);
    }

    private static Entry parseLine(String line) {
        String[] raw = line.split("\t", -1);
        if (raw.length < 6) {
            throw new IllegalArgumentException("expected at least 6 tab-separated fields but found " + raw.length);
        }
        String[] f = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            f[i] = unescape(raw[i]);
        }
        int lineNumber;
        try {
            lineNumber = Integer.parseInt(f[5]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line field '" + f[5] + "' is not a number", e);
        }
        List<String> params = f[3].isEmpty() ? List.of() : Arrays.asList(f[3].split(",", -1));
        List<String> texts = Arrays.asList(f).subList(6, f.length);
        return new Entry(Kind.fromId(f[0]), f[1], f[2], params, f[4], lineNumber, texts);
    }

    /**
     * Renders the index in the file format; {@code parse(format())} gives an equal index.
     *
     * @return the content, ending with a line feed
     */
    public String format() {
        StringBuilder sb = new StringBuilder(HEADER_PREFIX).append(FORMAT_VERSION).append('\n');
        for (Entry e : entries) {
            sb.append(e.kind().id())
                    .append('\t').append(escape(e.className()))
                    .append('\t').append(escape(e.methodName()))
                    .append('\t').append(escape(String.join(",", e.parameterTypes())))
                    .append('\t').append(escape(e.sourceFile()))
                    .append('\t').append(e.line());
            for (String t : e.texts()) {
                sb.append('\t').append(escape(t));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return every entry, in canonical order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * @param kind a kind
     * @return the entries of that kind, in canonical order
     */
    public List<Entry> entries(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** @return the step entries */
    public List<Entry> steps() {
        return entries(Kind.STEP);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepIndex s && entries.equals(s.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) {
                throw new IllegalArgumentException("field ends with a lone backslash: " + s);
            }
            switch (s.charAt(i)) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> throw new IllegalArgumentException("unknown escape '\\" + s.charAt(i) + "' in " + s);
            }
        }
        return sb.toString();
    }
}
