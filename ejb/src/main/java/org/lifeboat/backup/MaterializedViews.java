package org.lifeboat.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.Manifest;

/**
 * Materialized views: {@code pg_dump --schema-only} creates them {@code WITH NO DATA}, so the package names those
 * that held rows at backup time, and a restore refreshes them after the data (see RestoreEngine).
 */
public final class MaterializedViews {

    private MaterializedViews() {}

    /** The populated materialized views of the schemas, in creation order (a view on a view after it). */
    public static List<Manifest.RelationName> populated(Connection snapshot, List<String> schemas) throws SQLException {
        List<Manifest.RelationName> views = new ArrayList<>();
        try (PreparedStatement ps = snapshot.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND c.relispopulated "
                + "AND n.nspname = ANY (?) ORDER BY c.oid")) {
            ps.setArray(1, snapshot.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    views.add(new Manifest.RelationName(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return views;
    }
}
