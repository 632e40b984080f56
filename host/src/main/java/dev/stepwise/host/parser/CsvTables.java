package dev.stepwise.host.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV text (RFC 4180 quoting, configurable delimiter, {@code #} comment lines, blank lines skipped) into a
 * {@link Table}. The first record is the header.
 */
public final class CsvTables {

    private CsvTables() {
    }

    /** Thrown for malformed CSV; the message says where. */
    public static final class CsvException extends Exception {
        private static final long serialVersionUID = 1L;

        CsvException(String message) {
            super(message);
        }
    }

    public static Table parse(String content, char delimiter) throws CsvException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = content.length();
        int line = 1;
        boolean atRecordStart = true;
        while (i < n) {
            char c = content.charAt(i);
            if (atRecordStart) {
                // Comment and blank lines are skipped only at the start of a record.
                if (c == '#') {
                    while (i < n && content.charAt(i) != '\n') {
                        i++;
                    }
                    i++;
                    line++;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    if (c == '\n') {
                        line++;
                    }
                    i++;
                    continue;
                }
                atRecordStart = false;
            }
            // Leading spaces of a field are ignored before an opening quote.
            int j = i;
            while (j < n && content.charAt(j) == ' ' && delimiter != ' ') {
                j++;
            }
            if (j < n && content.charAt(j) == '"') {
                int startLine = line;
                i = j + 1;
                boolean closed = false;
                while (i < n) {
                    char q = content.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && content.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                if (!closed) {
                    throw new CsvException("quoted field starting on line " + startLine + " is not closed");
                }
                while (i < n && content.charAt(i) != delimiter && content.charAt(i) != '\n'
                        && content.charAt(i) != '\r') {
                    i++;   // tolerate spaces after the closing quote
                }
                record.add(field.toString());
            } else {
                while (i < n && content.charAt(i) != delimiter && content.charAt(i) != '\n'
                        && content.charAt(i) != '\r') {
                    field.append(content.charAt(i));
                    i++;
                }
                record.add(field.toString().strip());
            }
            field.setLength(0);
            if (i < n && content.charAt(i) == delimiter) {
                i++;
                if (i >= n) {
                    record.add("");
                }
                continue;
            }
            // end of record
            if (i < n && content.charAt(i) == '\r') {
                i++;
            }
            if (i < n && content.charAt(i) == '\n') {
                i++;
                line++;
            }
            records.add(record);
            record = new ArrayList<>();
            atRecordStart = true;
        }
        if (!record.isEmpty()) {
            records.add(record);
        }
        if (records.isEmpty()) {
            return new Table(0, List.of(), List.of());
        }
        List<String> headers = records.get(0);
        List<Table.Row> rows = new ArrayList<>(records.size() - 1);
        for (int r = 1; r < records.size(); r++) {
            List<Table.Cell> cells = new ArrayList<>(headers.size());
            List<String> values = records.get(r);
            for (int k = 0; k < headers.size(); k++) {
                cells.add(Table.Cell.of(k < values.size() ? values.get(k) : ""));
            }
            rows.add(new Table.Row(0, cells));
        }
        return new Table(0, headers, rows);
    }
}
