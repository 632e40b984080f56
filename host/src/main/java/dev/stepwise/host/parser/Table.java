package dev.stepwise.host.parser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A table: headers and rows of cells. Each cell keeps its raw text.
 *
 * @param line    line of the header row (0 for a table read from CSV)
 * @param headers column names
 * @param rows    data rows (separator rows are not kept)
 */
public record Table(int line, List<String> headers, List<Row> rows) {

    public Table {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    /** How a cell is resolved at run time. */
    public enum CellKind {
        /** Plain text. */
        STATIC,
        /** {@code <column>}: replaced by the value of that column of the current data row; value is the column. */
        DYNAMIC,
        /** {@code <file:path>}: replaced by the file contents; value is {@code file:path}. */
        SPECIAL_STRING
    }

    /**
     * One cell.
     *
     * @param value the unescaped, trimmed text (for DYNAMIC the name inside the brackets)
     * @param raw   the text as written between the pipes, trimmed
     * @param kind  how it resolves
     */
    public record Cell(String value, String raw, CellKind kind) {
        public Cell {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(kind, "kind");
        }

        public static Cell of(String value) {
            return new Cell(value, value, CellKind.STATIC);
        }
    }

    /**
     * One data row.
     *
     * @param line  1-based line (0 for CSV rows)
     * @param cells one cell per header
     */
    public record Row(int line, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        /** The unescaped cell values. */
        public List<String> values() {
            return cells.stream().map(Cell::value).toList();
        }
    }

    public int columnIndex(String header) {
        return headers.indexOf(header);
    }

    /** Header to cell for one row, in column order. */
    public Map<String, Cell> rowMap(int rowIndex) {
        Map<String, Cell> map = new LinkedHashMap<>();
        Row row = rows.get(rowIndex);
        for (int i = 0; i < headers.size() && i < row.cells().size(); i++) {
            map.put(headers.get(i), row.cells().get(i));
        }
        return map;
    }
}
