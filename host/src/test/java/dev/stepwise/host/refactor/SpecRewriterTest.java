package dev.stepwise.host.refactor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecRewriterTest {

    private static final Path FILE = Path.of("specs/x.spec");

    private static String rewrite(String oldText, String newText, String content, boolean concept)
            throws RefactorException {
        return new SpecRewriter(StepRename.of(oldText, newText), false).rewrite(FILE, content, concept).content();
    }

    @Test
    void movesKeepsAndAddsParameters() throws Exception {
        String in = "# Spec\n## Scenario\n* Say \"hi\" to <name>\n* Say \"a \\\"quoted\\\" word\" to \"Bob\"\n";
        String out = rewrite("Say <greeting> to <name>", "Greet <name> with <greeting> and <mood>", in, false);
        assertEquals("# Spec\n## Scenario\n* Greet <name> with \"hi\" and \"mood\"\n"
                + "* Greet \"Bob\" with \"a \\\"quoted\\\" word\" and \"mood\"\n", out);
    }

    @Test
    void dropsParametersMissingFromTheNewText() throws Exception {
        assertEquals("* Greet \"Bob\"\n", rewrite("Say <greeting> to <name>", "Greet <name>", "* Say \"hi\" to \"Bob\"\n",
                false));
    }

    @Test
    void keepsEveryOtherByteIncludingCrlfIndentationAndTrailingSpace() throws Exception {
        String in = "Spec\r\n====\r\n\r\nScenario\r\n--------\r\n   *   Say \"hi\" to <n>   \r\n* Other step\r\n"
                + "// a comment Say \"x\" to \"y\"\r\n* Say \"yo\" to \"me\"";
        String out = rewrite("Say <a> to <b>", "Tell <b> <a>", in, false);
        assertEquals("Spec\r\n====\r\n\r\nScenario\r\n--------\r\n   *   Tell <n> \"hi\"   \r\n* Other step\r\n"
                + "// a comment Say \"x\" to \"y\"\r\n* Tell \"me\" \"yo\"", out);
    }

    @Test
    void inlineTableStaysBelowTheStep() throws Exception {
        String in = "## S\n* Check <user> against\n\n   |a|b|\r\n   |-|-|\n   |1|2|\n* Check <user> against\n";
        // The table is the old last parameter; the second use has no table, so it is a different step.
        String out = rewrite("Check <user> against <table>", "Verify <table>", "", false);
        assertEquals("", out);
        out = rewrite("Check <user> against <rows>", "Verify <user> with <rows>", in, false);
        assertEquals("## S\n* Verify <user> with\n\n   |a|b|\r\n   |-|-|\n   |1|2|\n* Check <user> against\n", out);
        RefactorException e = assertThrows(RefactorException.class,
                () -> rewrite("Check <user> against <rows>", "Verify <rows> for <user>", in, false));
        assertTrue(e.getMessage().contains("specs/x.spec:2") && e.getMessage().contains("last"), e.getMessage());
        e = assertThrows(RefactorException.class,
                () -> rewrite("Check <user> against <rows>", "Verify <user>", in, false));
        assertTrue(e.getMessage().contains("drops it"), e.getMessage());
    }

    @Test
    void conceptHeadingsAndConceptStepsAreRenamed() throws Exception {
        String cpt = "# Buy <count> of <item>\n* Add <count> items of <item>\n\n# Other <count>\n* Buy <count> of \"x\"\n";
        String out = rewrite("Buy <count> of <item>", "Purchase <item> x <count> as <who>", cpt, true);
        assertEquals("# Purchase <item> x <count> as <who>\n* Add <count> items of <item>\n\n# Other <count>\n"
                + "* Purchase \"x\" x <count> as \"who\"\n", out);
        // In a spec file a heading is never a concept heading.
        String spec = "# Buy <count> of <item>\n## S\n* Buy \"1\" of \"y\"\n";
        assertEquals("# Buy <count> of <item>\n## S\n* Purchase \"y\" x \"1\" as \"who\"\n",
                rewrite("Buy <count> of <item>", "Purchase <item> x <count> as <who>", spec, false));
    }

    @Test
    void multipleOccurrencesPerFileAndSpecialParameters() throws Exception {
        String in = "* Load <file:data/a.txt> into <x>\n* Load \"s\" into \"t\"\n* Load <table:rows.csv> into <y>\n";
        SpecRewriter.Rewrite r = new SpecRewriter(StepRename.of("Load <what> into <where>", "Put <where> from <what>"),
                false).rewrite(FILE, in, false);
        assertEquals("* Put <x> from <file:data/a.txt>\n* Put \"t\" from \"s\"\n* Put <y> from <table:rows.csv>\n",
                r.content());
        assertEquals(List.of(1, 2, 3), r.occurrences().stream().map(SpecRewriter.Occurrence::line).toList());
    }

    @Test
    void unicodeAndEscapesInPlainTextSurvive() throws Exception {
        String in = "* Grüß \"Zoë\" 👋\n";
        assertEquals("* Begrüße \"Zoë\" \\{herzlich\\} 👋\n",
                rewrite("Grüß <name> 👋", "Begrüße <name> \\{herzlich\\} 👋", in, false));
    }

    @Test
    void refusesBadInput() {
        assertThrows(RefactorException.class, () -> StepRename.of("Say <a> to <a>", "x <a>"));
        assertThrows(RefactorException.class, () -> StepRename.of("Say <a>", "Say <a>"));
        assertThrows(RefactorException.class, () -> StepRename.of("Say \"unterminated", "x"));
        assertThrows(RefactorException.class, () -> StepRename.of("", "x"));
    }

    @Test
    void multilineStepsAreRefusedWhenTheyMatch() throws Exception {
        SpecRewriter w = new SpecRewriter(StepRename.of("Say <a> to <b>", "Tell <b> <a>"), true);
        RefactorException e = assertThrows(RefactorException.class,
                () -> w.rewrite(FILE, "## S\n* Say \"hi\"\nto \"you\"\n", false));
        assertTrue(e.getMessage().contains("x.spec:2"), e.getMessage());
    }

    /** A step used in three files and a concept: every file changes, through one change set, with the code edit. */
    @Test
    void stepUsedInThreeFilesAllChangeTogether(@TempDir Path root) throws Exception {
        List<Path> specs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path f = root.resolve("specs/s" + i + ".spec");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "# S" + i + "\r\n## A\r\n* Say \"" + i + "\" to <n>\r\n* Say \"again\" to \"x\"\r\n");
            specs.add(f);
        }
        Path untouched = root.resolve("specs/other.spec");
        Files.writeString(untouched, "# O\n## A\n* Something else\n");
        specs.add(untouched);
        Path java = root.resolve("src/Steps.java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "old");
        FakeCode code = new FakeCode(CodeRefactorer.Presence.SOURCE, List.of(new CodeRefactorer.FileEdit(java, "new")));
        StepRefactoring.Outcome o = new StepRefactoring(root, false, false)
                .run(StepRename.of("Say <g> to <n>", "Greet <n>: <g>"), specs, List.of(), code);
        assertEquals(4, o.changedFiles().size());
        assertEquals(6, o.specOccurrences());
        assertEquals("# S1\r\n## A\r\n* Greet <n>: \"1\"\r\n* Greet \"x\": \"again\"\r\n",
                Files.readString(specs.get(1)));
        assertEquals("new", Files.readString(java));
        assertEquals("# O\n## A\n* Something else\n", Files.readString(untouched));
        assertTrue(code.closed);
        assertNoLeftovers(root);
    }

    @Test
    void runnerRefusalChangesNothing(@TempDir Path root) throws Exception {
        Path f = root.resolve("a.spec");
        Files.writeString(f, "# S\n## A\n* Say \"1\" to <n>\n");
        byte[] before = Files.readAllBytes(f);
        FakeCode code = new FakeCode(CodeRefactorer.Presence.SOURCE, null);
        RefactorException e = assertThrows(RefactorException.class, () -> new StepRefactoring(root, false, false)
                .run(StepRename.of("Say <g> to <n>", "Greet <n>"), List.of(f), List.of(), code));
        assertTrue(e.getMessage().contains("constant"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertNoLeftovers(root);
    }

    @Test
    void absentStepRenamesSpecsWithAWarningUnlessStrict(@TempDir Path root) throws Exception {
        Path f = root.resolve("a.spec");
        Files.writeString(f, "# S\n## A\n* Say \"1\" to <n>\n");
        RefactorException e = assertThrows(RefactorException.class, () -> new StepRefactoring(root, false, true)
                .run(StepRename.of("Say <g> to <n>", "Greet <n>"), List.of(f), List.of(),
                        new FakeCode(CodeRefactorer.Presence.ABSENT, null)));
        assertTrue(e.getMessage().contains("--strict"));
        assertEquals("# S\n## A\n* Say \"1\" to <n>\n", Files.readString(f));
        StepRefactoring.Outcome o = new StepRefactoring(root, false, false)
                .run(StepRename.of("Say <g> to <n>", "Greet <n>"), List.of(f), List.of(),
                        new FakeCode(CodeRefactorer.Presence.ABSENT, null));
        assertEquals(1, o.warnings().size());
        assertEquals("# S\n## A\n* Greet <n>\n", Files.readString(f));
    }

    @Test
    void conceptRenameDoesNotStartTheRunner(@TempDir Path root) throws Exception {
        Path cpt = root.resolve("c.cpt");
        Files.writeString(cpt, "# Buy <n>\n* Add <n> items\n");
        Path spec = root.resolve("a.spec");
        Files.writeString(spec, "# S\n## A\n* Buy \"2\"\n");
        Supplier<CodeRefactorer> never = () -> {
            throw new AssertionError("runner started for a concept");
        };
        new StepRefactoring(root, false, true).run(StepRename.of("Buy <n>", "Purchase <n>"), List.of(spec),
                List.of(cpt), never);
        assertEquals("# Purchase <n>\n* Add <n> items\n", Files.readString(cpt));
        assertEquals("# S\n## A\n* Purchase \"2\"\n", Files.readString(spec));
    }

    static void assertNoLeftovers(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            List<Path> left = s.filter(p -> p.getFileName().toString().contains(".stepwise-")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        }
    }

    /** A runner stand-in: present or not, and an edit or (null) a refusal. */
    static final class FakeCode implements CodeRefactorer, Supplier<CodeRefactorer> {
        final Presence presence;
        final List<FileEdit> edits;
        boolean closed;

        FakeCode(Presence presence, List<FileEdit> edits) {
            this.presence = presence;
            this.edits = edits;
        }

        @Override
        public CodeRefactorer get() {
            return this;
        }

        @Override
        public Presence find(String stepValue) {
            return presence;
        }

        @Override
        public List<FileEdit> refactor(StepRename rename) throws RefactorException {
            if (edits == null) {
                throw new RefactorException("The text is built from a constant; rename it by hand");
            }
            return edits;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void nonUtf8FileThatUsesTheStepIsRefused(@TempDir Path root) throws Exception {
        Path f = root.resolve("a.spec");
        byte[] latin1 = "# S\n## A\n* Say \"caf\u00e9\" to <n>\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, latin1);
        assertThrows(RefactorException.class, () -> new StepRefactoring(root, false, false)
                .run(StepRename.of("Say <g> to <n>", "Greet <n>"), List.of(f), List.of(),
                        new FakeCode(CodeRefactorer.Presence.ABSENT, null)));
        assertArrayEquals(latin1, Files.readAllBytes(f));
        assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains("Greet"));
    }
}
