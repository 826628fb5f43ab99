package org.lifeboat.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.source.TableRef;

/**
 * Builds an empty table's indexes after its rows are copied in, not row by row while they arrive: what
 * pg_restore does for a whole database. Inside the apply transaction, before the COPY, the foreign keys that
 * point to or from the table, its primary key, unique and exclusion constraints and its other indexes are
 * dropped, each remembered by PostgreSQL's own definition ({@code pg_get_constraintdef}, {@code pg_get_indexdef});
 * after the COPY the indexes and key constraints are created again, and the foreign keys once every table of the
 * restore is loaded, all in the same transaction, which also checks every row against them (a
 * duplicate key or a dangling reference fails the restore, which then changes nothing). DDL is transactional
 * in PostgreSQL, so a failed restore leaves the schema as it was.
 *
 * <p>Tables with anything a re-creation would not bring back exactly are left alone: partitions and
 * inheritance, a replica identity index, a clustered or invalid index, an index outside the default tablespace,
 * comments on an index or constraint. If dropping fails (not the owner, another object depends on an index),
 * the table is loaded with its indexes in place.
 */
final class IndexDeferral {

    private final List<String> drops;
    private final List<String> creates;
    private final List<String> foreignKeys;

    private IndexDeferral(List<String> drops, List<String> creates, List<String> foreignKeys) {
        this.drops = drops;
        this.creates = creates;
        this.foreignKeys = foreignKeys;
    }

    /** Drops the table's indexes and the foreign keys involving it; null when the table is left as it is. */
    static IndexDeferral dropFor(Connection c, TableRef table) throws SQLException {
        long oid;
        try (PreparedStatement ps = c.prepareStatement("SELECT c.oid FROM pg_class c WHERE c.oid = to_regclass(?)"
                + " AND c.relkind = 'r' AND NOT c.relispartition AND c.relreplident <> 'i'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid)"
                + " AND NOT EXISTS (SELECT 1 FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid"
                + "   WHERE x.indrelid = c.oid AND (x.indisclustered OR NOT x.indisvalid OR NOT x.indisready"
                + "   OR ic.reltablespace <> 0 OR EXISTS (SELECT 1 FROM pg_description d WHERE d.objoid = ic.oid)))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_description d ON d.objoid = k.oid"
                + "   WHERE k.conrelid = c.oid OR k.confrelid = c.oid)")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                oid = rs.getLong(1);
            }
        }
        List<String[]> foreignKeys = new ArrayList<>(); // owner table, name, definition
        List<String[]> constraints = new ArrayList<>();
        List<String[]> indexes = new ArrayList<>(); // index name, definition
        try (PreparedStatement ps = c.prepareStatement("SELECT k.conrelid::regclass::text, quote_ident(k.conname),"
                + " pg_get_constraintdef(k.oid), k.contype FROM pg_constraint k WHERE k.conparentid = 0 AND ((k.contype = 'f'"
                + " AND (k.conrelid = ? OR k.confrelid = ?)) OR (k.contype IN ('p', 'u', 'x') AND k.conrelid = ?))"
                + " ORDER BY k.contype = 'f' DESC, k.oid")) {
            ps.setLong(1, oid);
            ps.setLong(2, oid);
            ps.setLong(3, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] k = {rs.getString(1), rs.getString(2), rs.getString(3)};
                    (rs.getString(4).equals("f") ? foreignKeys : constraints).add(k);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT x.indexrelid::regclass::text,"
                + " pg_get_indexdef(x.indexrelid) FROM pg_index x WHERE x.indrelid = ? AND NOT EXISTS"
                + " (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid)"
                + " ORDER BY x.indexrelid")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        if (constraints.isEmpty() && indexes.isEmpty() && foreignKeys.isEmpty()) {
            return null;
        }
        List<String> drops = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        foreignKeys.forEach(k -> drops.add("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1]));
        constraints.forEach(k -> drops.add("ALTER TABLE " + k[0] + " DROP CONSTRAINT " + k[1]));
        indexes.forEach(i -> drops.add("DROP INDEX " + i[0]));
        constraints.forEach(k -> creates.add("ALTER TABLE " + k[0] + " ADD CONSTRAINT " + k[1] + " " + k[2]));
        indexes.forEach(i -> creates.add(i[1]));
        foreignKeys.forEach(k -> keys.add("ALTER TABLE " + k[0] + " ADD CONSTRAINT " + k[1] + " " + k[2]));
        Savepoint savepoint = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            for (String drop : drops) {
                st.execute(drop);
            }
            c.releaseSavepoint(savepoint);
            return new IndexDeferral(drops, creates, keys);
        } catch (SQLException e) {
            c.rollback(savepoint);
            return null;
        }
    }

    /** Creates the table's own indexes and key constraints again, right after its COPY. */
    void recreateIndexes(Connection c) throws SQLException {
        execute(c, creates);
    }

    /**
     * Creates the dropped foreign keys again, once every table is loaded: keys may form cycles (a document and
     * its current version), so no table order satisfies them one table at a time, just as deferred constraints
     * are checked only at commit. Each key checks every row as it is created.
     */
    void recreateForeignKeys(Connection c) throws SQLException {
        execute(c, foreignKeys);
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    int dropped() {
        return drops.size();
    }
}
