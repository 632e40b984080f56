package dev.stepwise.host.refactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code stepwise refactor OLD NEW}: renames a step in every spec and concept file and in its Java implementation,
 * all or nothing. The spec side is computed here ({@link SpecRewriter}), the code side by the runner
 * ({@link CodeRefactorer}); only when both succeed is anything written, through one {@link ChangeSet}.
 *
 * <p>As in Gauge: when the step is a concept, the runner is not asked; when the runner has no implementation, the
 * specs are still renamed with a warning, unless {@code strict} is set.
 */
public final class StepRefactoring {

    /** What happened, for the console. */
    /**
     * @param changedFiles    the files written
     * @param specOccurrences step lines and concept headings renamed
     * @param warnings        what the user should know (e.g. no implementation in code)
     * @param timings         where the time went
     */
    public record Outcome(List<Path> changedFiles, int specOccurrences, List<String> warnings, Timings timings) {
        public Outcome {
            changedFiles = List.copyOf(changedFiles);
            warnings = List.copyOf(warnings);
        }
    }

    /** Milliseconds from the start of {@code run} until specs were rewritten in memory, the runner answered, and
     * the files were written. */
    public record Timings(long specsMs, long runnerMs, long writtenMs) {
    }

    private final Path root;
    private final boolean allowMultilineStep;
    private final boolean strict;

    /**
     * @param root               the project root; the runner's edits must stay inside it
     * @param allowMultilineStep the project's {@code allow_multiline_step}
     * @param strict             refuse when the step has no implementation in code
     */
    public StepRefactoring(Path root, boolean allowMultilineStep, boolean strict) {
        this.root = root.toAbsolutePath().normalize();
        this.allowMultilineStep = allowMultilineStep;
        this.strict = strict;
    }

    /**
     * @param rename       the rename
     * @param specFiles    the project's spec files
     * @param conceptFiles the project's concept files
     * @param runner       starts the runner; called at most once, and not at all for a concept
     */
    public Outcome run(StepRename rename, List<Path> specFiles, List<Path> conceptFiles,
                       Supplier<CodeRefactorer> runner) throws RefactorException {
        long start = System.nanoTime();
        long[] timings = new long[3];
        SpecRewriter rewriter = new SpecRewriter(rename, allowMultilineStep);
        ChangeSet changes = new ChangeSet();
        List<String> warnings = new ArrayList<>();
        int occurrences = 0;
        boolean concept = false;
        for (Path f : conceptFiles) {
            SpecRewriter.Rewrite r = rewriteFile(rewriter, f, true, changes);
            occurrences += r.occurrences().size();
            concept |= r.occurrences().stream().anyMatch(SpecRewriter.Occurrence::heading);
        }
        for (Path f : specFiles) {
            occurrences += rewriteFile(rewriter, f, false, changes).occurrences().size();
        }
        timings[0] = (System.nanoTime() - start) / 1_000_000;
        CodeRefactorer code = null;
        try {
            if (!concept) {
                code = runner.get();
                switch (code.find(rename.oldStep().value())) {
                    case ABSENT -> {
                        String msg = "The step '" + rename.oldText() + "' has no implementation in code";
                        if (strict) {
                            throw new RefactorException(msg + "; nothing was changed (--strict)");
                        }
                        if (occurrences == 0) {
                            throw new RefactorException(msg + " and no spec or concept uses it; nothing to rename");
                        }
                        warnings.add(msg + "; only specs and concepts were renamed");
                    }
                    case EXTERNAL -> throw new RefactorException("The step '" + rename.oldText() + "' is implemented "
                            + "in compiled code without source in this project (a library); it cannot be renamed "
                            + "here, and renaming only the specs would break them. Nothing was changed");
                    case SOURCE -> {
                        for (CodeRefactorer.FileEdit edit : code.refactor(rename)) {
                            addCodeEdit(edit, changes);
                        }
                    }
                }
            }
            timings[1] = (System.nanoTime() - start) / 1_000_000;
            if (changes.isEmpty()) {
                throw new RefactorException("No spec, concept or code uses '" + rename.oldText()
                        + "'; nothing to rename");
            }
            // Written before the runner is stopped: stopping waits for its exit, which the files do not need.
            changes.apply();
            timings[2] = (System.nanoTime() - start) / 1_000_000;
        } finally {
            if (code != null) {
                code.close();
            }
        }
        return new Outcome(changes.targets(), occurrences, warnings, new Timings(timings[0], timings[1], timings[2]));
    }

    private static SpecRewriter.Rewrite rewriteFile(SpecRewriter rewriter, Path f, boolean concept, ChangeSet changes)
            throws RefactorException {
        byte[] bytes = read(f);
        String text;
        boolean valid = true;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            valid = false;
            text = new String(bytes, StandardCharsets.UTF_8);
        }
        SpecRewriter.Rewrite r = rewriter.rewrite(f, text, concept);
        if (r.changed()) {
            if (!valid) {
                throw new RefactorException(f + " uses the step but is not valid UTF-8; rewriting it would change "
                        + "other bytes. Convert it to UTF-8 first");
            }
            changes.add(f, bytes, r.content().getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    private void addCodeEdit(CodeRefactorer.FileEdit edit, ChangeSet changes) throws RefactorException {
        Path file = root.resolve(edit.file()).toAbsolutePath().normalize();
        if (!file.startsWith(root)) {
            throw new RefactorException("The runner wants to change " + file + ", outside the project " + root
                    + "; nothing was changed");
        }
        if (!Files.isRegularFile(file)) {
            throw new RefactorException("The runner's edit is for " + file + ", which does not exist; nothing was "
                    + "changed");
        }
        changes.add(file, read(file), edit.content().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(Path f) throws RefactorException {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new RefactorException("Cannot read " + f + ": " + e.getMessage() + "; nothing was changed", e);
        }
    }
}
