package org.lifeboat.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * Prepares connections that read a source: fixed session settings (so text output does not depend on the
 * server's defaults), a read-only REPEATABLE READ transaction, and values in text format.
 */
public final class SnapshotSession {

    /** Settings every reading session uses; recorded in the manifest. */
    public static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("TimeZone", "UTC");
        SETTINGS.put("IntervalStyle", "postgres");
        SETTINGS.put("extra_float_digits", "3");
        SETTINGS.put("bytea_output", "hex");
        SETTINGS.put("client_encoding", "UTF8");
    }

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-F]+-[0-9A-F]+(-[0-9]+)?");

    private SnapshotSession() {}

    /** Starts the transaction that exports a snapshot and returns its id; keep the connection open meanwhile. */
    public static String export(Connection connection) throws SQLException {
        begin(connection);
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Starts a transaction that sees exactly the exported snapshot. */
    public static void attach(Connection connection, String snapshotId) throws SQLException {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshotId);
        }
        begin(connection);
        try (Statement st = connection.createStatement()) {
            // the id comes from pg_export_snapshot() and was checked above; SET takes no parameters
            st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
        }
    }

    private static void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
                st.execute("SET " + setting.getKey() + " = '" + setting.getValue() + "'");
            }
        }
        // one-shot statements come back in text format: exactly PostgreSQL's output functions
        connection.unwrap(PGConnection.class).setPrepareThreshold(0);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }

    /** Ends the read transaction and gives the connection back in a clean state. */
    public static void end(Connection connection) {
        try {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
            try (Statement st = connection.createStatement()) {
                st.execute("RESET ALL");
            }
        } catch (SQLException ignored) {
            // the connection is closed next; a broken one is discarded by the pool
        }
    }
}
