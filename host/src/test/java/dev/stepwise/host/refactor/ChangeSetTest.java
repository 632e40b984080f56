package dev.stepwise.host.refactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeSetTest {

    private static List<Path> files(Path root, int n) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = root.resolve("f" + i + ".spec");
            Files.writeString(f, "old " + i);
            out.add(f);
        }
        return out;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesEveryFileAndKeepsPermissions(@TempDir Path root) throws Exception {
        List<Path> fs = files(root, 3);
        Files.setPosixFilePermissions(fs.get(1), PosixFilePermissions.fromString("rwxr-x---"));
        ChangeSet set = new ChangeSet();
        for (int i = 0; i < 3; i++) {
            set.add(fs.get(i), b("old " + i), b("new " + i));
        }
        set.apply();
        for (int i = 0; i < 3; i++) {
            assertEquals("new " + i, Files.readString(fs.get(i)));
        }
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(fs.get(1))));
        SpecRewriterTest.assertNoLeftovers(root);
    }

    @Test
    void aRenameFailingMidwayRestoresTheFilesAlreadyReplaced(@TempDir Path root) throws Exception {
        List<Path> fs = files(root, 4);
        int[] calls = {0};
        ChangeSet set = new ChangeSet((from, to) -> {
            // The third commit rename fails; restores (from .bak files) go through.
            if (from.toString().endsWith(".tmp") && ++calls[0] == 3) {
                throw new IOException("disk on fire");
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        });
        for (int i = 0; i < 4; i++) {
            set.add(fs.get(i), b("old " + i), b("new " + i));
        }
        RefactorException e = assertThrows(RefactorException.class, set::apply);
        assertTrue(e.getMessage().contains("disk on fire") && e.getMessage().contains("restored"), e.getMessage());
        for (int i = 0; i < 4; i++) {
            assertEquals("old " + i, Files.readString(fs.get(i)));
        }
        SpecRewriterTest.assertNoLeftovers(root);
    }

    @Test
    void aFileChangedSinceItWasReadStopsEverything(@TempDir Path root) throws Exception {
        List<Path> fs = files(root, 2);
        ChangeSet set = new ChangeSet();
        set.add(fs.get(0), b("old 0"), b("new 0"));
        set.add(fs.get(1), b("something else"), b("new 1"));
        RefactorException e = assertThrows(RefactorException.class, set::apply);
        assertTrue(e.getMessage().contains("changed while"), e.getMessage());
        assertEquals("old 0", Files.readString(fs.get(0)));
        SpecRewriterTest.assertNoLeftovers(root);
    }

    @Test
    void stagingFailureLeavesNothingBehind(@TempDir Path root) throws Exception {
        List<Path> fs = files(root, 2);
        Path missing = root.resolve("gone/x.spec");
        ChangeSet set = new ChangeSet();
        set.add(fs.get(0), b("old 0"), b("new 0"));
        set.add(missing, b(""), b("x"));
        assertThrows(RefactorException.class, set::apply);
        assertEquals("old 0", Files.readString(fs.get(0)));
        SpecRewriterTest.assertNoLeftovers(root);
    }
}
