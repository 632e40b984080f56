package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    private final Table table = new Table(List.of("name", "age"), List.of(List.of("Ann", "31"), List.of("Bob", "42")));

    @Test
    void accessors() {
        assertEquals(List.of("name", "age"), table.headers());
        assertEquals(2, table.rows().size());
        assertEquals(List.of("Ann", "Bob"), table.columnValues("name"));
        assertEquals(List.of("31", "42"), table.columnValues(1));
        TableRow bob = table.rows().get(1);
        assertEquals("Bob", bob.cell("name"));
        assertEquals("42", bob.cell(1));
        assertEquals(Map.of("name", "Bob", "age", "42"), bob.asMap());
        assertEquals(List.of("name", "age"), List.copyOf(bob.asMap().keySet()), "column order kept");
    }

    @Test
    void unknownColumnListsKnownColumns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.rows().get(0).cell("Name"));
        assertEquals("No column 'Name' in table; columns are [name, age]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> table.columnValues("x"));
        assertThrows(IndexOutOfBoundsException.class, () -> table.columnValues(2));
        assertThrows(IndexOutOfBoundsException.class, () -> table.rows().get(0).cell(-1));
    }

    @Test
    void validation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Table(List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertTrue(e.getMessage().contains("has 1 cells"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("a", "a"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("a", " "), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of(), List.of()));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("a"), List.of(withNull)));
    }

    @Test
    void immutableAgainstCallerChanges() {
        List<String> headers = new ArrayList<>(List.of("a"));
        List<String> row = new ArrayList<>(List.of("1"));
        List<List<String>> rows = new ArrayList<>(List.of(row));
        Table t = new Table(headers, rows);
        headers.set(0, "z");
        row.set(0, "9");
        rows.clear();
        assertEquals(List.of("a"), t.headers());
        assertEquals("1", t.rows().get(0).cell("a"));
        assertThrows(UnsupportedOperationException.class, () -> t.rows().clear());
        assertThrows(UnsupportedOperationException.class, () -> t.rows().get(0).asMap().put("a", "x"));
    }

    @Test
    void equalsAndHashCode() {
        Table same = new Table(List.of("name", "age"), List.of(List.of("Ann", "31"), List.of("Bob", "42")));
        assertEquals(table, same);
        assertEquals(table.hashCode(), same.hashCode());
        assertNotEquals(table, new Table(List.of("name", "age"), List.of(List.of("Ann", "31"))));
    }

    @Test
    void rendersMarkdown() {
        Table t = new Table(List.of("name", "note"), List.of(List.of("Ann", "a|b"), List.of("Bo", "x\ny")));
        assertEquals("""
                | name | note |
                | ---- | ---- |
                | Ann  | a\\|b |
                | Bo   | x y  |
                """, t.toString());
    }

    @Test
    void csvBasics() {
        Table t = Table.fromCsv("# people\nname,age\r\nAnn,31\n\nBob,42\n", ',');
        assertEquals(table, t);
    }

    @Test
    void csvQuoting() {
        String csv = "id;text\n1;\"semi;colon\"\n2;\"line\nbreak\"\n3;\"say \"\"hi\"\"\"\n4;\"\"\n5;\n6;5\" screen\n";
        Table t = Table.fromCsv(csv, ';');
        assertEquals(List.of("semi;colon", "line\nbreak", "say \"hi\"", "", "", "5\" screen"), t.columnValues("text"));
    }

    @Test
    void csvCommentOnlyAtLineStartAndNotInsideQuotes() {
        Table t = Table.fromCsv("a,b\n\"x\n# not a comment\",y\n  # kept,z\n", ',');
        assertEquals(List.of("x\n# not a comment", "  # kept"), t.columnValues("a"));
    }

    @Test
    void csvErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.fromCsv("a,b\n1,2\n3\n", ','));
        assertEquals("CSV line 3 has 1 fields but the header has 2 [a, b]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Table.fromCsv("a\n\"open\n", ','));
        assertEquals("CSV line 2: quoted field is not closed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Table.fromCsv("a\n\"x\"y\n", ','));
        assertTrue(e.getMessage().startsWith("CSV line 2: unexpected 'y' after a closing quote"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Table.fromCsv("# only comments\n\n", ','));
        assertThrows(IllegalArgumentException.class, () -> Table.fromCsv("a,b", '"'));
        e = assertThrows(IllegalArgumentException.class, () -> Table.fromCsv("a,a\n", ','));
        assertTrue(e.getMessage().contains("more than once"));
    }

    @Test
    void csvLineNumbersCountQuotedLineBreaks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Table.fromCsv("a,b\n\"1\n2\",3\n4\n", ','));
        assertEquals("CSV line 4 has 1 fields but the header has 2 [a, b]", e.getMessage());
    }
}
