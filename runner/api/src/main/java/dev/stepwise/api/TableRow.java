package dev.stepwise.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of a {@link Table}; immutable. Cells are looked up by column name or 0-based index.
 */
public final class TableRow {

    private final List<String> headers;
    private final List<String> cells;

    TableRow(List<String> headers, List<String> cells) {
        this.headers = headers;
        this.cells = cells;
    }

    /**
     * @param column a column name (exact, case-sensitive)
     * @return the cell in that column
     * @throws IllegalArgumentException listing the known columns if there is no such column
     */
    public String cell(String column) {
        return cells.get(indexOf(headers, column));
    }

    /**
     * @param index a 0-based column index
     * @return the cell in that column
     * @throws IndexOutOfBoundsException if there is no such column
     */
    public String cell(int index) {
        return cells.get(Objects.checkIndex(index, cells.size()));
    }

    /** @return the cells in column order */
    public List<String> cells() {
        return cells;
    }

    /** @return the column names */
    public List<String> headers() {
        return headers;
    }

    /** @return column name to cell, in column order; immutable */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            map.put(headers.get(i), cells.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    static int indexOf(List<String> headers, String column) {
        Objects.requireNonNull(column, "column");
        int index = headers.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("No column '" + column + "' in table; columns are " + headers);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableRow r && headers.equals(r.headers) && cells.equals(r.cells);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + cells.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
