package org.lifeboat.restore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a failed set-based statement into a sentence that names the row. Constraint violations carry the key in
 * PostgreSQL's detail; a value that does not fit its column does not, so the staged rows are cast one by one (on
 * the failure path only) to find the first that fails, and its primary key and package line are named.
 */
final class RowDiagnosis {

    private static final Pattern MARK = Pattern.compile("LBROW (\\d+) (.*)", Pattern.DOTALL);

    private RowDiagnosis() {}

    static String explain(Connection c, StagingArea staging, TableBinding b, SQLException e) {
        String message = e.getMessage();
        String detail = null;
        String state = e.getSQLState();
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            message = m.getMessage();
            detail = m.getDetail();
        }
        if (state != null && (state.startsWith("22") || state.equals("42804"))) {
            String row = firstBadRow(c, staging, b);
            if (row != null) {
                return row;
            }
        }
        return message + (detail == null ? "" : " (" + detail + ")");
    }

    /** Casts staged rows one by one; returns "row <key> (package line n): reason" for the first that fails. */
    private static String firstBadRow(Connection c, StagingArea staging, TableBinding b) {
        String casts = b.columns().stream()
                .map(col -> "r." + StagingArea.column(col.staged()) + "::" + col.liveType())
                .collect(Collectors.joining(", "));
        String block = "DO $lb$ DECLARE r record; BEGIN FOR r IN SELECT * FROM " + staging.table(b.index())
                + " ORDER BY " + StagingArea.LINE + " LOOP BEGIN PERFORM " + casts
                + "; EXCEPTION WHEN others THEN RAISE EXCEPTION 'LBROW % %', r." + StagingArea.LINE
                + ", SQLERRM; END; END LOOP; END $lb$";
        Savepoint savepoint = null;
        try {
            savepoint = c.setSavepoint();
            try (Statement st = c.createStatement()) {
                st.execute(block);
            }
            c.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException failure) {
            String text = failure instanceof PSQLException p && p.getServerErrorMessage() != null
                    ? p.getServerErrorMessage().getMessage() : String.valueOf(failure.getMessage());
            Matcher m = MARK.matcher(text);
            try {
                if (savepoint != null) {
                    c.rollback(savepoint);
                }
            } catch (SQLException ignored) {
                // the caller's own savepoint rollback follows
            }
            if (!m.matches()) {
                return null;
            }
            long line = Long.parseLong(m.group(1));
            return "row " + key(c, staging, b, line) + " (package line " + line + "): " + m.group(2);
        }
    }

    private static String key(Connection c, StagingArea staging, TableBinding b, long line) {
        if (!b.hasPrimaryKey()) {
            return "without primary key";
        }
        String select = b.keyColumns().stream()
                .map(col -> "'" + col.name().replace("'", "''") + "=' || coalesce(s." + StagingArea.column(col.staged())
                        + ", 'NULL')")
                .collect(Collectors.joining(" || ', ' || "));
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + staging.table(b.index()) + " s WHERE "
                     + StagingArea.LINE + " = " + line)) {
            return rs.next() ? rs.getString(1) : "at line " + line;
        } catch (SQLException e) {
            return "at line " + line;
        }
    }
}
