package dev.stepwise.host.refactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a set of files all or nothing.
 *
 * <ol>
 * <li><b>Stage.</b> For every file: check it still holds the bytes the change was computed from, write the new
 * content to a temporary file beside it (same folder, so the rename below stays on one file system) with the
 * original's permissions, and force it to disk; then take a backup of the original beside it (a hard link, or a
 * copy where links are not supported). If anything fails here, every temporary file and backup is deleted and no
 * target has been touched.</li>
 * <li><b>Commit.</b> Rename each temporary file over its target with an atomic move, one by one. Each target is at
 * every moment either wholly old or wholly new. If a rename fails, the targets already replaced are restored by
 * renaming their backups back over them (also atomic moves), the remaining temporary files are deleted, and the
 * failure is reported. Only if a restore itself fails are files left changed; the message then names each such file
 * and the backup that holds its old content, and those backups are kept.</li>
 * <li><b>Clean up.</b> After a full commit the backups are deleted.</li>
 * </ol>
 *
 * <p>Not covered: a crash or kill of the process during the commit (some targets may then be new; the
 * {@code .stepwise-*.bak} files beside them hold the old content), and other programs reading several targets while
 * the commit runs (each file is consistent, the set is not a snapshot).
 */
public final class ChangeSet {

    /** One file's change: the bytes it is expected to hold now and the bytes to write. */
    public record Change(Path target, byte[] expected, byte[] content) {
    }

    /** The rename step, replaceable so tests can make it fail midway. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** Staging and cleaning up wait on the disk (fsync, trims), not the CPU, so more threads than cores help. */
    private static final int IO_THREADS = 16;

    private final Map<Path, Change> changes = new LinkedHashMap<>();
    private final Mover mover;

    public ChangeSet() {
        this(ChangeSet::atomicMove);
    }

    ChangeSet(Mover mover) {
        this.mover = mover;
    }

    /** Adds a change; a file may be added once. */
    public void add(Path target, byte[] expected, byte[] content) {
        Path t = target.toAbsolutePath().normalize();
        if (changes.putIfAbsent(t, new Change(t, expected, content)) != null) {
            throw new IllegalArgumentException("two changes to " + t);
        }
    }

    public List<Path> targets() {
        return List.copyOf(changes.keySet());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Stages and commits every change, or changes nothing and throws. */
    public void apply() throws RefactorException {
        List<Staged> staged = stageAll(List.copyOf(changes.values()));
        for (int i = 0; i < staged.size(); i++) {
            Staged s = staged.get(i);
            try {
                mover.move(s.temp, s.target);
            } catch (IOException e) {
                throw rollBack(staged, i, e);
            }
        }
        deleteBackups(staged);
    }

    /**
     * Deletes the backups, which frees the replaced files' blocks, several at a time: where the file system trims
     * freed blocks as it goes (ext4 mounted with {@code discard}) each delete waits on the device, and overlapping
     * those waits made 1,000 deletes ~7x faster here (docs/benchmarks.md).
     */
    private static void deleteBackups(List<Staged> staged) {
        try {
            inParallel(staged.size(), i -> deleteQuietly(staged.get(i).backup));
        } catch (Exception e) {
            // deleteQuietly does not throw; an interrupt leaves some backups behind, which is harmless.
        }
    }

    /** One task of {@link #inParallel}. */
    @FunctionalInterface
    private interface IndexedTask {
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code task} for 0..count-1 on up to {@link #IO_THREADS} threads and waits for all; returns the first
     * failure, or null.
     */
    private static Exception inParallel(int count, IndexedTask task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(IO_THREADS, count)), r -> {
            Thread t = new Thread(r, "stepwise-file-io");
            t.setDaemon(true);
            return t;
        });
        Exception failure = null;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception ex ? ex : new IOException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } finally {
            pool.shutdownNow();
        }
        return failure;
    }

    /**
     * Stages every change, several at a time: each temporary file is forced to disk, and those waits overlap. On any
     * failure every staged file is discarded before the error is thrown.
     */
    private static List<Staged> stageAll(List<Change> all) throws RefactorException {
        List<Staged> staged = Collections.synchronizedList(new ArrayList<>());
        Staged[] byIndex = new Staged[all.size()];
        Exception failure = inParallel(all.size(), index -> {
            Staged s = stage(all.get(index));
            staged.add(s);
            byIndex[index] = s;
        });
        if (failure != null) {
            synchronized (staged) {
                staged.forEach(Staged::discard);
            }
            throw failure instanceof RefactorException r ? r
                    : new RefactorException("Could not prepare the change, so nothing was changed: " + failure,
                    failure);
        }
        return Arrays.asList(byIndex);
    }

    private record Staged(Path target, Path temp, Path backup) {
        void discard() {
            deleteQuietly(temp);
            deleteQuietly(backup);
        }
    }

    private static Staged stage(Change c) throws IOException, RefactorException {
        Path target = c.target();
        byte[] now = Files.readAllBytes(target);
        if (!Arrays.equals(now, c.expected())) {
            throw new RefactorException(target + " changed while the refactoring was being prepared; nothing was "
                    + "changed. Save your editors and run it again");
        }
        Path dir = target.getParent();
        String base = "." + target.getFileName() + ".stepwise-" + UUID.randomUUID();
        Path temp = dir.resolve(base + ".tmp");
        Path backup = null;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(c.content());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false); // the data and what is needed to read it back; timestamps need not wait
            }
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the temp file has the folder's default permissions.
            }
            backup = dir.resolve(base + ".bak");
            try {
                Files.createLink(backup, target);
            } catch (UnsupportedOperationException | FileSystemException e) {
                Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return new Staged(target, temp, backup);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            deleteQuietly(backup);
            throw e;
        }
    }

    /** Puts back the first {@code failedAt} targets and removes every leftover; returns the error to throw. */
    private RefactorException rollBack(List<Staged> staged, int failedAt, IOException cause) {
        List<String> stuck = new ArrayList<>();
        for (int j = failedAt - 1; j >= 0; j--) {
            Staged s = staged.get(j);
            try {
                mover.move(s.backup, s.target);
            } catch (IOException e) {
                stuck.add(s.target + " (old content kept in " + s.backup + ": " + e.getMessage() + ")");
            }
        }
        for (int j = failedAt; j < staged.size(); j++) {
            staged.get(j).discard();
        }
        String what = "Could not replace " + staged.get(failedAt).target + ": " + cause;
        if (stuck.isEmpty()) {
            return new RefactorException(what + ". The " + failedAt + " file(s) already replaced were restored; "
                    + "nothing was changed", cause);
        }
        return new RefactorException(what + ". Restoring failed for " + stuck.size() + " file(s), which keep the new "
                + "content: " + String.join("; ", stuck), cause);
    }

    private static void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot replace " + to + " atomically", e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary file is harmless; the caller's outcome is what matters.
        }
    }
}
