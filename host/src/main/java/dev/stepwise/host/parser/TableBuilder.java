package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A markdown table under construction, plus Gauge's cell and header rules. */
final class TableBuilder {

    final int line;
    int endLine;
    final List<String> headers;
    final List<Table.Row> rows = new ArrayList<>();
    boolean separatorSeen;

    TableBuilder(int line, List<String> headers) {
        this.line = line;
        this.endLine = line;
        this.headers = headers;
    }

    Table build() {
        return new Table(line, headers, rows);
    }

    /** Splits {@code |a|b\|c|} into trimmed cells; {@code raw} keeps the escapes, {@code values} drops them. */
    static void split(String row, List<String> values, List<String> raws) {
        StringBuilder value = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        boolean escaped = false;
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (escaped) {
                value.append(c);
                raw.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
                raw.append(c);
            } else if (c == '|') {
                values.add(value.toString().strip());
                raws.add(raw.toString().strip());
                value.setLength(0);
                raw.setLength(0);
            } else {
                value.append(c);
                raw.append(c);
            }
        }
    }

    static TableBuilder header(Lexer.Token token, Path file, List<Diagnostic> sink) {
        List<String> values = new ArrayList<>();
        List<String> raws = new ArrayList<>();
        split(token.text, values, raws);
        List<String> seen = new ArrayList<>();
        for (String h : values) {
            if (h.isEmpty()) {
                sink.add(Diagnostic.error(file, token.line, token.column,
                        "Table header should not be blank. Give every column a name"));
            } else if (seen.contains(h)) {
                sink.add(Diagnostic.error(file, token.line, token.column,
                        "Table header cannot have repeated column values. Rename the second '" + h + "' column"));
            }
            seen.add(h);
        }
        return new TableBuilder(token.line, values);
    }

    static boolean isSeparator(List<String> values) {
        if (values.isEmpty()) {
            return false;
        }
        for (String v : values) {
            if (!Lexer.isUnderline(v, '-')) {
                return false;
            }
        }
        return true;
    }

    /** Adds a data row, classifying cells ({@code <col>}, {@code <file:path>}) against {@code known}. */
    void addRow(Lexer.Token token, List<String> values, List<String> raws, Collection<String> known,
                ProjectFiles files, Path file, List<Diagnostic> sink) {
        endLine = token.line;
        if (!separatorSeen && isSeparator(values)) {
            separatorSeen = true;
            return;
        }
        if (values.size() != headers.size()) {
            sink.add(Diagnostic.warning(file, token.line, token.column, "Table row has " + values.size()
                    + " cells but the header has " + headers.size() + "; missing cells are empty and extra cells"
                    + " are ignored"));
        }
        List<Table.Cell> cells = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String v = i < values.size() ? values.get(i) : "";
            String raw = i < raws.size() ? raws.get(i) : "";
            cells.add(classify(v, raw, known, files, file, token, sink));
        }
        rows.add(new Table.Row(token.line, cells));
    }

    private static Table.Cell classify(String v, String raw, Collection<String> known, ProjectFiles files, Path file,
                                       Lexer.Token token, List<Diagnostic> sink) {
        if (v.length() >= 2 && v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>') {
            String inner = v.substring(1, v.length() - 1);
            if (inner.startsWith("file:")) {
                String path = inner.substring(5).strip();
                ProjectFiles.Lookup found = files.lookup(path);
                if (found.outsideRoot()) {
                    sink.add(Diagnostic.error(file, token.line, token.column, "Dynamic param <" + inner
                            + "> could not be resolved. " + found.problem()));
                } else if (!found.found()) {
                    sink.add(Diagnostic.error(file, token.line, token.column, "Dynamic param <" + inner
                            + "> could not be resolved, Missing file: " + path));
                }
                return new Table.Cell(inner, raw, Table.CellKind.SPECIAL_STRING);
            }
            if (known.contains(inner)) {
                return new Table.Cell(inner, raw, Table.CellKind.DYNAMIC);
            }
            sink.add(Diagnostic.warning(file, token.line, token.column, "Dynamic param <" + inner
                    + "> could not be resolved, Treating it as static param"));
        }
        return new Table.Cell(v, raw, Table.CellKind.STATIC);
    }
}
