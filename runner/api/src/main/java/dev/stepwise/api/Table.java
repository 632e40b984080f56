package dev.stepwise.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table parameter of a step: named columns and rows of text cells.
 *
 * <p>Immutable and validated on creation: headers are non-blank and unique, and every row has
 * exactly one cell per header, so {@link TableRow#cell(String)} never has to guess.
 */
public final class Table {

    private final List<String> headers;
    private final List<TableRow> rows;

    /**
     * @param headers the column names
     * @param rows the rows, each with one cell per header
     * @throws IllegalArgumentException if there is no header, a header is blank or repeated, or a
     *     row (named by its 0-based index) has the wrong number of cells or a {@code null} cell
     */
    public Table(List<String> headers, List<List<String>> rows) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(rows, "rows");
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("A table needs at least one column header");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < headers.size(); i++) {
            String h = headers.get(i);
            if (h == null || h.isBlank()) {
                throw new IllegalArgumentException("Table header " + i + " is blank; headers: " + headers);
            }
            if (!seen.add(h)) {
                throw new IllegalArgumentException("Table header '" + h + "' appears more than once; headers: " + headers);
            }
        }
        this.headers = List.copyOf(headers);
        List<TableRow> built = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells == null) {
                throw new IllegalArgumentException("Table row " + r + " is null");
            }
            if (cells.size() != headers.size()) {
                throw new IllegalArgumentException("Table row " + r + " (0-based) has " + cells.size()
                        + " cells but the table has " + headers.size() + " columns " + this.headers);
            }
            for (int c = 0; c < cells.size(); c++) {
                if (cells.get(c) == null) {
                    throw new IllegalArgumentException("Table row " + r + " has a null cell in column '"
                            + headers.get(c) + "'");
                }
            }
            built.add(new TableRow(this.headers, List.copyOf(cells)));
        }
        this.rows = List.copyOf(built);
    }

    /**
     * Parses CSV text (RFC 4180) into a table whose first record holds the headers.
     *
     * <p>Fields may be quoted with {@code "}; a quoted field may contain the delimiter, line breaks
     * and doubled quotes ({@code ""}). A quote inside an unquoted field is kept as text. Records end
     * at LF, CRLF or CR. A line starting with {@code #} (outside a quoted field) is a comment, and
     * empty lines are skipped.
     *
     * @param csvText the CSV text
     * @param delimiter the field separator, usually {@code ,} or {@code ;}
     * @return the table
     * @throws IllegalArgumentException if the text has no header record, a quoted field is not
     *     closed, text follows a closing quote, or a record has the wrong number of fields (each
     *     naming the 1-based line)
     */
    public static Table fromCsv(String csvText, char delimiter) {
        Objects.requireNonNull(csvText, "csvText");
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == '#') {
            throw new IllegalArgumentException("'" + delimiter + "' cannot be a CSV delimiter");
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> recordLines = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = csvText.length();
        while (i < n) {
            char ch = csvText.charAt(i);
            if (ch == '\n' || ch == '\r') { // empty line
                i += (ch == '\r' && i + 1 < n && csvText.charAt(i + 1) == '\n') ? 2 : 1;
                line++;
                continue;
            }
            if (ch == '#') { // comment line
                while (i < n && csvText.charAt(i) != '\n' && csvText.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                if (i < n && csvText.charAt(i) == '"') {
                    int openLine = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new IllegalArgumentException("CSV line " + openLine + ": quoted field is not closed");
                        }
                        char c = csvText.charAt(i++);
                        if (c == '"') {
                            if (i < n && csvText.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n' || (c == '\r' && (i >= n || csvText.charAt(i) != '\n'))) {
                                line++;
                            }
                            field.append(c);
                        }
                    }
                    if (i < n && csvText.charAt(i) != delimiter && csvText.charAt(i) != '\n'
                            && csvText.charAt(i) != '\r') {
                        throw new IllegalArgumentException("CSV line " + line + ": unexpected '" + csvText.charAt(i)
                                + "' after a closing quote; expected '" + delimiter + "' or end of line");
                    }
                } else {
                    while (i < n) {
                        char c = csvText.charAt(i);
                        if (c == delimiter || c == '\n' || c == '\r') {
                            break;
                        }
                        field.append(c);
                        i++;
                    }
                }
                fields.add(field.toString());
                if (i < n && csvText.charAt(i) == delimiter) {
                    i++;
                } else {
                    endOfRecord = true;
                    if (i < n) {
                        i += (csvText.charAt(i) == '\r' && i + 1 < n && csvText.charAt(i + 1) == '\n') ? 2 : 1;
                        line++;
                    }
                }
            }
            records.add(fields);
            recordLines.add(recordLine);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("CSV text has no header line");
        }
        List<String> headers = records.get(0);
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != headers.size()) {
                throw new IllegalArgumentException("CSV line " + recordLines.get(r) + " has " + records.get(r).size()
                        + " fields but the header has " + headers.size() + " " + headers);
            }
        }
        return new Table(headers, records.subList(1, records.size()));
    }

    /** @return the column names, in order */
    public List<String> headers() {
        return headers;
    }

    /** @return the rows, in order */
    public List<TableRow> rows() {
        return rows;
    }

    /** @return whether the table has no rows */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * @param name a column name
     * @return the cells of that column, top to bottom
     * @throws IllegalArgumentException listing the known columns if there is no such column
     */
    public List<String> columnValues(String name) {
        return columnValues(TableRow.indexOf(headers, name));
    }

    /**
     * @param index a 0-based column index
     * @return the cells of that column, top to bottom
     * @throws IndexOutOfBoundsException if there is no such column
     */
    public List<String> columnValues(int index) {
        Objects.checkIndex(index, headers.size());
        List<String> values = new ArrayList<>(rows.size());
        for (TableRow row : rows) {
            values.add(row.cell(index));
        }
        return List.copyOf(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && headers.equals(t.headers) && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + rows.hashCode();
    }

    /**
     * Renders the table as a Markdown table with padded columns; {@code |} in cells is escaped
     * and line breaks become spaces, so the output is always one table.
     */
    @Override
    public String toString() {
        int[] widths = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        rows.forEach(r -> all.add(r.cells()));
        List<List<String>> escaped = new ArrayList<>();
        for (List<String> cells : all) {
            List<String> e = new ArrayList<>();
            for (int c = 0; c < cells.size(); c++) {
                String s = cells.get(c).replace("|", "\\|").replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
                e.add(s);
                widths[c] = Math.max(Math.max(widths[c], s.length()), 3);
            }
            escaped.add(e);
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < escaped.size(); r++) {
            appendLine(sb, escaped.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int w : widths) {
                    rule.add("-".repeat(w));
                }
                appendLine(sb, rule, widths);
            }
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells, int[] widths) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            sb.append(' ').append(s).append(" ".repeat(widths[c] - s.length())).append(" |");
        }
        sb.append('\n');
    }
}
