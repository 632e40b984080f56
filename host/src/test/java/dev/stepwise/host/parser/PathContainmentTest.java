package dev.stepwise.host.parser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9: {@code table:}, {@code <file:...>} and {@code <table:...>} paths that leave the project root are refused
 * with an error naming the spec line, the path, where it resolves, and what to do. Symbolic links are followed only
 * while the real path stays inside the project; a link pointing out is refused like {@code ../}.
 */
class PathContainmentTest {

    private static final String SECRET = "SECRET-OUTSIDE-THE-PROJECT";

    @TempDir
    Path base;
    Path root;
    boolean links;

    @BeforeEach
    void project() throws IOException {
        Files.writeString(base.resolve("outside.csv"), "k\n" + SECRET + "\n");
        Files.writeString(base.resolve("secret.txt"), SECRET);
        root = Files.createDirectories(base.resolve("project"));
        Path data = Files.createDirectories(root.resolve("data"));
        Files.writeString(data.resolve("users.csv"), "user\nalice\n");
        Files.writeString(data.resolve("hello.txt"), "hello");
        try {
            Files.createSymbolicLink(data.resolve("escape.txt"), base.resolve("secret.txt"));
            Files.createSymbolicLink(data.resolve("escape.csv"), base.resolve("outside.csv"));
            Files.createSymbolicLink(data.resolve("inside.txt"), data.resolve("hello.txt"));
            Files.createSymbolicLink(root.resolve("outdir"), base);
            links = true;
        } catch (UnsupportedOperationException | IOException e) {
            links = false;
        }
    }

    private ParsedSpec parse(ParserSettings settings, String text) {
        return new SpecParser(root, settings, ConceptRegistry.empty()).parse(root.resolve("specs/x.spec"), text);
    }

    private ParsedSpec parse(String text) {
        return parse(ParserSettings.defaults(), text);
    }

    /** The single error of the parse; it must be on {@code line} and say the path leaves the root and what to do. */
    private static Diagnostic refusal(ParsedSpec parsed, int line) {
        List<Diagnostic> errors = parsed.errors();
        assertEquals(1, errors.size(), () -> "one error expected: " + parsed.diagnostics());
        Diagnostic d = errors.get(0);
        assertEquals(line, d.line(), d::toString);
        assertTrue(d.message().contains("outside the project root"), d::toString);
        assertTrue(d.message().contains("copy the file into"), () -> "says what to do: " + d);
        assertNoSecret(parsed);
        return d;
    }

    private static void assertNoSecret(ParsedSpec parsed) {
        String all = parsed.spec().toString();
        assertFalse(all.contains(SECRET), "the content of a file outside the project reached the parse tree");
    }

    @Test
    void externalTableLeavingTheRootIsRefused() {
        Diagnostic d = refusal(parse("# S\ntable: ../../outside.csv\n## Sc\n* step\n"), 2);
        assertTrue(d.message().startsWith("Could not resolve table. Path '../../outside.csv' resolves to "
                + root.resolve("../../outside.csv").normalize() + ", outside the project root " + root), d::toString);
        assertEquals("x.spec", d.file().getFileName().toString());
    }

    @Test
    void fileParameterLeavingTheRootIsRefused() {
        Diagnostic d = refusal(parse("# S\n## Sc\n* read <file:../../etc/passwd>\n"), 3);
        assertTrue(d.message().startsWith("Dynamic parameter <file:../../etc/passwd> could not be resolved. Path"),
                d::toString);
        assertEquals(8, d.column(), "the column of the parameter");
    }

    @Test
    void absolutePathOutsideTheRootIsRefusedButInsideIsRead() {
        refusal(parse("# S\n## Sc\n* read <file:/etc/passwd>\n"), 3);
        ParsedSpec ok = parse("# S\n## Sc\n* read <file:" + root.resolve("data/hello.txt") + ">\n");
        assertEquals(List.of(), ok.diagnostics());
        assertEquals("hello", ok.spec().scenarios().get(0).steps().get(0).args().get(0).value());
    }

    @Test
    void tableParameterLeavingTheRootIsRefused() {
        Diagnostic d = refusal(parse("# S\n## Sc\n* rows <table:../x.csv>\n"), 3);
        assertTrue(d.message().contains("<table:../x.csv>"), d::toString);
    }

    @Test
    void dataDirDoesNotWidenTheRoot() {
        ParserSettings data = ParserSettings.defaults().withDataDir("data");
        refusal(parse(data, "# S\n## Sc\n* read <file:../../secret.txt>\n"), 3);
        ParsedSpec inside = parse(data, "# S\ntable: users.csv\n## Sc\n* read <file:../data/hello.txt>\n");
        assertEquals(List.of(), inside.diagnostics(), "../ that stays inside the project is fine");
    }

    @Test
    void fileCellOfAnInlineTableLeavingTheRootIsRefused() {
        Diagnostic d = refusal(parse("# S\n## Sc\n* step\n   |a|\n   |<file:../secret.txt>|\n"), 5);
        assertTrue(d.message().startsWith("Dynamic param <file:../secret.txt> could not be resolved. Path"),
                d::toString);
    }

    @Test
    void fileCellOfADataTableIsNeverResolvedOutsideTheRoot() {
        ParsedSpec parsed = parse("# S\n|a|\n|---|\n|<file:../secret.txt>|\n## Sc\n* step <a>\n");
        refusal(parsed, 4);
        Resolver resolver = new Resolver(root, ParserSettings.defaults());
        Map<String, String> row = resolver.rowValues(parsed.spec().dataTable().orElseThrow().table(), 0);
        assertFalse(row.get("a").contains(SECRET), "the resolver must not read it at run time either");
    }

    @Test
    void symbolicLinksAreFollowedOnlyInsideTheRoot() {
        assumeTrue(links, "no symbolic links on this file system");
        ParserSettings data = ParserSettings.defaults().withDataDir("data");
        Diagnostic file = refusal(parse(data, "# S\n## Sc\n* read <file:escape.txt>\n"), 3);
        assertTrue(file.message().contains("symbolic link"), file::toString);
        refusal(parse(data, "# S\ntable: escape.csv\n## Sc\n* step\n"), 2);
        refusal(parse("# S\n## Sc\n* read <file:outdir/secret.txt>\n"), 3);
        ParsedSpec inside = parse(data, "# S\n## Sc\n* read <file:inside.txt>\n");
        assertEquals(List.of(), inside.diagnostics(), "a link to a file inside the project is followed");
        assertEquals("hello", inside.spec().scenarios().get(0).steps().get(0).args().get(0).value());
    }

    @Test
    void invalidPathCharactersAreADiagnosticNotAnException() {
        ParsedSpec parsed = parse("# S\n## Sc\n* read <file:a\u0000b>\n");
        List<Diagnostic> errors = parsed.errors();
        assertEquals(1, errors.size(), parsed.diagnostics()::toString);
        assertTrue(errors.get(0).message().contains("is not a valid file path"), errors.get(0)::toString);
        assertTrue(errors.get(0).message().contains("Path 'a\\u0000b'"), "the path is shown with the NUL escaped");
    }
}
