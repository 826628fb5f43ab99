package org.lifeboat.restore;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
    private final String directTable;
    private final String appliedTable;

    private StagingArea(String schema) {
        this.schema = schema;
        this.directTable = TableRef.quote(schema) + "." + TableRef.quote("direct");
        this.appliedTable = TableRef.quote(schema) + "." + TableRef.quote("applied");
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
        create(c, tables, Set.of());
    }

    /**
     * Creates the staging tables, except for the tables at {@code direct} (loaded straight into their empty live
     * table at apply time), and records that choice in the area so a restart makes the same one.
     */
    public void create(Connection c, List<Manifest.TableEntry> tables, Set<Integer> direct) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (!schema.equals("pg_temp")) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + TableRef.quote(schema));
                st.execute("CREATE TABLE IF NOT EXISTS " + directTable + " (table_index int PRIMARY KEY)");
                for (int index : direct) {
                    st.execute("INSERT INTO " + directTable + " VALUES (" + index + ") ON CONFLICT DO NOTHING");
                }
            }
            for (int i = 0; i < tables.size(); i++) {
                if (!direct.contains(i)) {
                    createTable(st, i, tables.get(i));
                }
            }
        }
    }

    /** Creates the staging table of one package table (a direct table that must be staged after all). */
    public void createTable(Connection c, int index, Manifest.TableEntry table) throws SQLException {
        try (Statement st = c.createStatement()) {
            createTable(st, index, table);
        }
    }

    private void createTable(Statement st, int index, Manifest.TableEntry table) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE ")
                .append(schema.equals("pg_temp") ? "TEMP " : "").append("TABLE IF NOT EXISTS ")
                .append(schema.equals("pg_temp") ? TableRef.quote("t" + index) : table(index))
                .append(" (").append(LINE).append(" bigint NOT NULL");
        for (int col = 0; col < table.columns().size(); col++) {
            ddl.append(", ").append(column(col)).append(" text");
        }
        st.execute(ddl.append(")").toString());
    }

    /** Whether this job's staging area exists already (a restart, or a second execution). */
    public boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The package tables this job loads straight into their live tables, as the validate step recorded them in
     * the area (none for an area made before that record existed): every step and every server reads the same
     * choice, whatever ran before in this JVM.
     */
    public Set<Integer> directTables(Connection c) throws SQLException {
        Set<Integer> direct = new TreeSet<>();
        if (!tableExists(c, directTable)) {
            return direct;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_index FROM " + directTable)) {
            while (rs.next()) {
                direct.add(rs.getInt(1));
            }
        }
        return direct;
    }

    /**
     * Inside the apply transaction, in place of dropping the area: drops the staging tables and leaves the mark
     * that this job's rows are applied. The mark commits with the live data, or not at all, so a restart (even
     * after a crash between that commit and the job repository's record of it) knows never to apply again.
     * {@link #drop} removes the rest once the files are in place.
     */
    public void markApplied(Connection c, int tables, long jobExecutionId) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (int i = 0; i < tables; i++) {
                st.execute("DROP TABLE IF EXISTS " + table(i));
            }
            st.execute("CREATE TABLE " + appliedTable + " (job_execution_id bigint NOT NULL, applied_at timestamptz "
                    + "NOT NULL DEFAULT now())");
            st.execute("INSERT INTO " + appliedTable + " (job_execution_id) VALUES (" + jobExecutionId + ")");
        }
    }

    /** Whether an apply of this job committed (see {@link #markApplied}). */
    public boolean applied(Connection c) throws SQLException {
        return !schema.equals("pg_temp") && tableExists(c, appliedTable);
    }

    private static boolean tableExists(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
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
                CopyText.escape(value, text);
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
}
