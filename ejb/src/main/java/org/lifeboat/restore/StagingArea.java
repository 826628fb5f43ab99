package org.lifeboat.restore;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.TableRef;
import org.postgresql.PGConnection;

/**
 * Where a restore loads the package's rows before applying them: one table per package table, in a schema of its
 * own (or PostgreSQL's temporary schema for a dry run), with a text column per package column and the row's
 * package line ({@code _lb_line}). Values stay text until the apply step casts them to the live types, so the area
 * can be filled before the live schema exists (restore into an empty database). Loading is idempotent: rows
 * past a checkpointed line are removed before loading goes on.
 */
public final class StagingArea {

    public static final String LINE = "_lb_line";

    private final String schema;

    private StagingArea(String schema) {
        this.schema = schema;
    }

    /** A persistent staging schema for a restore job instance (survives failures, so restarts can go on). */
    public static StagingArea forJob(long jobInstanceId) {
        return new StagingArea("lifeboat_restore_" + jobInstanceId);
    }

    /** Temporary tables of the current session, gone when it ends (dry runs). */
    public static StagingArea temporary() {
        return new StagingArea("pg_temp");
    }

    public String schema() {
        return schema;
    }

    /** The staging table of the package table at {@code index} of the manifest. */
    public String table(int index) {
        return TableRef.quote(schema) + "." + TableRef.quote("t" + index);
    }

    /** The text column of the package column at {@code column} (0-based). */
    public static String column(int column) {
        return TableRef.quote("c" + column);
    }

    public void create(Connection c, List<Manifest.TableEntry> tables) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (!schema.equals("pg_temp")) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + TableRef.quote(schema));
            }
            for (int i = 0; i < tables.size(); i++) {
                StringBuilder ddl = new StringBuilder("CREATE ")
                        .append(schema.equals("pg_temp") ? "TEMP " : "").append("TABLE IF NOT EXISTS ")
                        .append(schema.equals("pg_temp") ? TableRef.quote("t" + i) : table(i))
                        .append(" (").append(LINE).append(" bigint NOT NULL");
                for (int col = 0; col < tables.get(i).columns().size(); col++) {
                    ddl.append(", ").append(column(col)).append(" text");
                }
                st.execute(ddl.append(")").toString());
            }
        }
    }

    /** Removes rows loaded after {@code line} (a chunk whose checkpoint was not committed). */
    public void truncateAfter(Connection c, int index, long line) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM " + table(index) + " WHERE " + LINE + " > " + line);
        }
    }

    /** Loads rows through COPY; {@code firstLine} is the package line of the first row. */
    public void load(Connection c, int index, int width, List<String[]> rows, long firstLine)
            throws SQLException, IOException {
        StringBuilder text = new StringBuilder(rows.size() * 64);
        long line = firstLine;
        for (String[] row : rows) {
            if (row.length != width) {
                throw new RestoreException("package line " + line + " of staging table " + index + " has "
                        + row.length + " values for " + width + " columns");
            }
            text.append(line++);
            for (String value : row) {
                text.append('\t');
                copyValue(value, text);
            }
            text.append('\n');
        }
        StringBuilder columns = new StringBuilder(LINE);
        for (int col = 0; col < width; col++) {
            columns.append(", ").append(column(col));
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table(index) + " (" + columns
                + ") FROM STDIN", new StringReader(text.toString()));
    }

    public long count(Connection c, int index) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM " + table(index))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void drop(Connection c) throws SQLException {
        if (!schema.equals("pg_temp")) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + TableRef.quote(schema) + " CASCADE");
            }
        }
    }

    /** COPY text format: NULL is \N; backslash, tab, newline and carriage return are escaped. */
    static void copyValue(String value, StringBuilder out) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
