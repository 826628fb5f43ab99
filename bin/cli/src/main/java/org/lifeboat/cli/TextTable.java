package org.lifeboat.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: a header row, left-aligned text columns, right-aligned number columns. */
final class TextTable {

    private final List<String> headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();

    /** Column names; a name ending in {@code ">"} marks a right-aligned (numeric) column. */
    TextTable(String... columns) {
        this.headers = new ArrayList<>();
        this.numeric = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            numeric[i] = columns[i].endsWith(">");
            headers.add(numeric[i] ? columns[i].substring(0, columns[i].length() - 1) : columns[i]);
        }
    }

    TextTable row(Object... values) {
        String[] cells = new String[headers.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i < values.length && values[i] != null ? String.valueOf(values[i]) : "";
        }
        rows.add(cells);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.toArray(String[]::new), widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[i] - cells[i].length());
            line.append(numeric[i] ? pad + cells[i] : cells[i] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
