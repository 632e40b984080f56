package dev.stepwise.reports.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Hidden temp files and staging folders beside a report carry the writing process's id in their names
 * ({@code .report.ndjson.<pid>.<random>.tmp}, {@code .xml-report.<pid>.<random>}), so that a later run can delete
 * what a killed run left behind without touching what another run, still alive, is writing at the same moment.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** The name prefix for this process's hidden files about the report {@code name}: {@code .<name>.<pid>.} */
    public static String prefix(String name) {
        return "." + name + "." + ProcessHandle.current().pid() + ".";
    }

    /**
     * Deletes the hidden files and folders about {@code name} in {@code dir} whose process has ended. Best effort:
     * what cannot be listed or deleted stays, and a name without a process id (older versions) is left alone.
     *
     * @return how many entries were deleted
     */
    public static int sweep(Path dir, String name) {
        String start = "." + name + ".";
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, e -> e.getFileName().toString()
                .startsWith(start))) {
            for (Path entry : entries) {
                long pid = pidIn(entry.getFileName().toString().substring(start.length()));
                if (pid > 0 && !alive(pid)) {
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        FolderReplacement.deleteTree(entry);
                    } else {
                        Files.deleteIfExists(entry);
                    }
                    deleted++;
                }
            }
        } catch (IOException | SecurityException e) {
            // No folder yet, or not readable: nothing to sweep, and writing the report will say what is wrong.
        }
        return deleted;
    }

    /** The process id at the start of {@code rest} ("1234.abc"), or -1. */
    private static long pidIn(String rest) {
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return -1;
        }
        for (int i = 0; i < dot; i++) {
            if (!Character.isDigit(rest.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(rest, 0, dot, 10);
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
