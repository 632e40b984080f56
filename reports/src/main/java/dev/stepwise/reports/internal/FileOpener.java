package dev.stepwise.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the built-in reports and the host's event log open a file for writing. Normally the file system
 * ({@link #FILE_SYSTEM}); fault tests pass one whose disk fills up after a given number of bytes.
 */
@FunctionalInterface
public interface FileOpener {

    /** {@link Files#newOutputStream}. */
    FileOpener FILE_SYSTEM = Files::newOutputStream;

    /**
     * Opens {@code file} for writing, with {@link Files#newOutputStream}'s options (none: create or truncate).
     *
     * @throws IOException when the file cannot be opened
     */
    OutputStream open(Path file, OpenOption... options) throws IOException;
}
