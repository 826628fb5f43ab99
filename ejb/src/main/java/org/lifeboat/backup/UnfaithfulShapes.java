package org.lifeboat.backup;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.source.Table;

/**
 * Shapes of a schema that a Lifeboat package cannot give back faithfully, found before a backup reads a row, so
 * that the backup says at once what and why instead of a restore coming back different:
 * <ul>
 *   <li>large objects: a column of type {@code oid} or {@code lo} holds references into {@code pg_largeobject},
 *       which a package does not carry (the references would come back pointing at nothing);</li>
 *   <li>table inheritance: a parent's rows are read together with its children's (a package would hold the
 *       children's rows twice, and a restore would write them into the parent).</li>
 * </ul>
 * Partitioned tables are not inheritance here: they are backed up and restored as one table.
 */
public final class UnfaithfulShapes {

    private UnfaithfulShapes() {}

    /** Sentences naming each table that cannot be backed up faithfully; empty when there is none. */
    public static List<String> find(Connection c, List<Table> tables) throws SQLException {
        List<String> found = new ArrayList<>();
        if (tables.isEmpty()) {
            return found;
        }
        Array names = c.createArrayOf("text", tables.stream().map(t -> t.ref().quoted()).toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT format('%I.%I', n.nspname, r.relname), a.attname, "
                + "t.typname FROM unnest(?::text[]) q(name) JOIN pg_class r ON r.oid = q.name::regclass "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_attribute a ON a.attrelid = r.oid "
                + "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attnum > 0 AND NOT a.attisdropped "
                + "AND t.typname IN ('oid', 'lo') ORDER BY 1, 2")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add("column " + rs.getString(2) + " of table " + rs.getString(1) + " is of type "
                            + rs.getString(3) + ": it references large objects, which a package does not carry");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT format('%I.%I', n.nspname, p.relname), "
                + "string_agg(i.inhrelid::regclass::text, ', ' ORDER BY i.inhrelid::regclass::text) "
                + "FROM unnest(?::text[]) q(name) JOIN pg_class p ON p.oid = q.name::regclass "
                + "JOIN pg_namespace n ON n.oid = p.relnamespace JOIN pg_inherits i ON i.inhparent = p.oid "
                + "WHERE p.relkind = 'r' GROUP BY 1 ORDER BY 1")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add("table " + rs.getString(1) + " has inheritance children (" + rs.getString(2)
                            + "): its rows would be read together with theirs");
                }
            }
        }
        return found;
    }

    /** The refusal of a backup: the sentences and what to do. */
    public static String refusal(List<String> found) {
        return "this backup could not be restored faithfully, so it is not taken: " + String.join("; ", found)
                + ". Leave these tables out of the profile (exclude:) and back them up with pg_dump, or change "
                + "the schema (bytea instead of large objects, partitioning instead of inheritance)";
    }
}
