package dev.stepwise.host.refactor;

import java.nio.file.Path;
import java.util.List;

/**
 * The language runner's side of a rename ({@code GetStepName} and {@code Refactor} with {@code saveChanges=false}).
 * The runner computes the new source; the host writes it together with the specs.
 */
public interface CodeRefactorer extends AutoCloseable {

    /** Where the runner has the step: not at all, only in compiled code (external), or in a source file. */
    enum Presence { ABSENT, EXTERNAL, SOURCE }

    /** A file's whole new content as the runner computed it. */
    record FileEdit(Path file, String content) {
    }

    /** What the runner knows about the step with this {@code {}} value. */
    Presence find(String stepValue) throws RefactorException;

    /**
     * The runner's edit for the rename, not written.
     *
     * @throws RefactorException with the runner's reason when it refuses
     */
    List<FileEdit> refactor(StepRename rename) throws RefactorException;

    /** Stops the runner. */
    @Override
    void close();
}
