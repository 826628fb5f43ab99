package org.lifeboat.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How SQL names a table's own rows. A table with inheritance children holds, for {@code SELECT ... FROM t},
 * {@code DELETE FROM t} or {@code count(*)}, its children's rows too; Lifeboat backs up and restores each table of
 * an inheritance tree on its own, so it reads and writes a plain table with {@code ONLY}. A partitioned table is
 * the opposite: its rows are its partitions' rows, and {@code ONLY} would see none.
 */
public final class Relations {

    private Relations() {}

    /** {@code ONLY "s"."t"} for a plain table, {@code "s"."t"} for a partitioned one (or one that does not exist). */
    public static String own(Connection c, TableRef table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relkind = 'r' FROM pg_class WHERE oid = to_regclass(?)")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1) ? "ONLY " + table.quoted() : table.quoted();
            }
        }
    }
}
