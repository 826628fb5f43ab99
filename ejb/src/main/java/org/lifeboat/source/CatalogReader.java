package org.lifeboat.source;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovers tables, columns and types, primary keys, foreign keys and sequences from PostgreSQL's catalog
 * ({@code pg_class}, {@code pg_attribute}, {@code pg_constraint}, {@code pg_depend}). Nothing about a source is
 * configured by hand: adding a source needs a datasource and a profile only.
 */
public final class CatalogReader {

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname, GREATEST(c.reltuples, 0)::bigint
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY (?)
             ORDER BY n.nspname, c.relname""";

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, t.typcategory,
                   a.attnotnull, a.attgenerated <> '', a.atthasdef OR a.attidentity <> ''
              FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attrelid, a.attnum""";

    /**
     * Primary keys of the tables, and foreign keys declared on them or on any of their partitions (PostgreSQL
     * lets a foreign key be declared on one partition only): a key on a partition, or pointing at one, counts as
     * its partitioned root's. Keys cloned from a parent onto its partitions ({@code conparentid}) are the parent's.
     */
    private static final String CONSTRAINTS = """
            SELECT con.conname, con.contype, COALESCE(pg_partition_root(con.conrelid)::oid, con.conrelid),
                   COALESCE(pg_partition_root(NULLIF(con.confrelid, 0))::oid, con.confrelid), con.condeferrable,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, pos)
                           JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.pos),
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, pos)
                           JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.pos)
              FROM pg_constraint con
             WHERE (con.contype = 'p' AND con.conrelid = ANY (?))
                OR (con.contype = 'f' AND con.conparentid = 0
                    AND COALESCE(pg_partition_root(con.conrelid)::oid, con.conrelid) = ANY (?))
             ORDER BY 3, con.conname""";

    /** Integer columns of the tables whose default draws from a sequence (pg_attrdef depends on it). */
    private static final String SEQUENCE_USERS = """
            SELECT sn.nspname, s.relname, tn.nspname, t.relname, a.attname
              FROM pg_depend d
              JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
              JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
              JOIN pg_namespace sn ON sn.oid = s.relnamespace
              JOIN pg_class t ON t.oid = ad.adrelid
              JOIN pg_namespace tn ON tn.oid = t.relnamespace
              JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
             WHERE d.refclassid = 'pg_class'::regclass AND ad.adrelid = ANY (?)
               AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
             ORDER BY 1, 2, 3, 4, 5""";

    private static final String SEQUENCES = """
            SELECT n.nspname, s.relname, tn.nspname, t.relname, a.attname
              FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
              LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                                   AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
              LEFT JOIN pg_class t ON t.oid = d.refobjid
              LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
              LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
             WHERE s.relkind = 'S' AND n.nspname = ANY (?)
             ORDER BY n.nspname, s.relname""";

    public SchemaCatalog read(Connection connection, List<String> schemas) throws SQLException {
        // with only pg_catalog on the path, format_type() qualifies every other type: the names work as cast
        // targets in any session, whatever its search_path
        String searchPath;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('search_path'), set_config('search_path', 'pg_catalog', false)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            searchPath = rs.getString(1);
        }
        try {
            return readCatalog(connection, schemas);
        } finally {
            try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                ps.setString(1, searchPath);
                ps.execute();
            }
        }
    }

    private SchemaCatalog readCatalog(Connection connection, List<String> schemas) throws SQLException {
        Array schemaArray = connection.createArrayOf("text", schemas.toArray());
        Map<Long, TableRef> refs = new HashMap<>();
        Map<Long, Long> estimates = new HashMap<>();
        List<Long> order = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(TABLES)) {
            ps.setArray(1, schemaArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    refs.put(oid, new TableRef(rs.getString(2), rs.getString(3)));
                    estimates.put(oid, rs.getLong(4));
                    order.add(oid);
                }
            }
        }
        Array oids = connection.createArrayOf("oid", order.toArray());
        Map<Long, List<Column>> columns = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Column(rs.getString(2),
                            rs.getString(3), Column.TypeKind.of(rs.getString(4), rs.getString(5)),
                            rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)));
                }
            }
        }
        Map<Long, List<String>> primaryKeys = new HashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS)) {
            ps.setArray(1, oids);
            ps.setArray(2, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> keyColumns = List.of((String[]) rs.getArray(6).getArray());
                    long table = rs.getLong(3);
                    if ("p".equals(rs.getString(2))) {
                        primaryKeys.put(table, keyColumns);
                    } else {
                        TableRef target = refs.get(rs.getLong(4));
                        if (target == null) {
                            // references a table outside the source's schemas: kept visible, never ordered
                            target = new TableRef("?", "oid " + rs.getLong(4));
                        }
                        foreignKeys.add(new ForeignKey(rs.getString(1), refs.get(table), keyColumns, target,
                                List.of((String[]) rs.getArray(7).getArray()), rs.getBoolean(5)));
                    }
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        for (long oid : order) {
            tables.add(new Table(refs.get(oid), columns.getOrDefault(oid, List.of()),
                    primaryKeys.getOrDefault(oid, List.of()), estimates.get(oid)));
        }
        Map<TableRef, List<SequenceRef.ColumnUse>> users = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SEQUENCE_USERS)) {
            ps.setArray(1, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.computeIfAbsent(new TableRef(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new SequenceRef.ColumnUse(new TableRef(rs.getString(3), rs.getString(4)),
                                    rs.getString(5)));
                }
            }
        }
        List<SequenceRef> sequences = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SEQUENCES)) {
            ps.setArray(1, schemaArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TableRef owner = rs.getString(4) == null ? null : new TableRef(rs.getString(3), rs.getString(4));
                    TableRef ref = new TableRef(rs.getString(1), rs.getString(2));
                    sequences.add(new SequenceRef(ref, owner, rs.getString(5), users.getOrDefault(ref, List.of())));
                }
            }
        }
        return new SchemaCatalog(tables, foreignKeys, sequences);
    }
}
