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
 *       which a package does not carry (the references would come back pointing at nothing).</li>
 * </ul>
 * (Table inheritance is backed up and restored table by table, each with {@code ONLY}: see Relations.) It also
 * names what a restore into an empty database would miss ({@link #newInstanceGaps}).
 */
public final class UnfaithfulShapes {

    private UnfaithfulShapes() {}

    /** Sentences naming each table that cannot be backed up faithfully; empty when there is none. */
    public static List<String> find(Connection c, List<Table> tables) throws SQLException {
        return sentences(c, tables, List.of(), "SELECT format('%I.%I', n.nspname, r.relname), a.attname, t.typname "
                + "FROM unnest(?::text[]) q(name) JOIN pg_class r ON r.oid = q.name::regclass "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace JOIN pg_attribute a ON a.attrelid = r.oid "
                + "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attnum > 0 AND NOT a.attisdropped "
                + "AND t.typname IN ('oid', 'lo') ORDER BY 1, 2",
                rs -> "column " + rs.getString(2) + " of table " + rs.getString(1) + " is of type " + rs.getString(3)
                        + ": it references large objects, which a package does not carry");
    }

    /**
     * What a restore into an empty database would miss: column types (and the base types of domains) and
     * functions used by defaults, check constraints and triggers, defined in a schema the profile does not list,
     * other than PostgreSQL's own and those of extensions living in the profile's schemas (pg_dump carries those).
     * The backup is still taken (a restore into the live database works), and says so.
     */
    public static List<String> newInstanceGaps(Connection c, List<Table> tables, List<String> schemas)
            throws SQLException {
        String missing = ", which the profile does not list: the package's schema SQL does not create it, so a "
                + "restore into an empty database needs it there first (or list the schema in the profile)";
        List<String> found = new ArrayList<>(sentences(c, tables, schemas, "SELECT format('%I.%I', n.nspname, "
                + "r.relname), a.attname, format_type(ty.oid, NULL), tn.nspname FROM unnest(?::text[]) q(name) "
                + "JOIN pg_class r ON r.oid = q.name::regclass JOIN pg_namespace n ON n.oid = r.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped "
                + "JOIN pg_type t ON t.oid = a.atttypid "
                + "JOIN pg_type ty ON ty.oid = CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN t.typelem ELSE t.oid END "
                + "JOIN pg_namespace tn ON tn.oid = ty.typnamespace "
                + "WHERE " + outsideTheProfile("tn.nspname", "pg_type", "ty.oid") + " ORDER BY 1, 2",
                rs -> "column " + rs.getString(2) + " of table " + rs.getString(1) + " is of type " + rs.getString(3)
                        + " from schema " + rs.getString(4) + missing));
        found.addAll(sentences(c, tables, schemas, "SELECT DISTINCT format('%I.%I', n.nspname, r.relname), "
                + "format('%I.%I', pn.nspname, p.proname), pn.nspname FROM unnest(?::text[]) q(name) "
                + "JOIN pg_class r ON r.oid = q.name::regclass JOIN pg_namespace n ON n.oid = r.relnamespace "
                + "JOIN (SELECT ad.adrelid AS rel, ad.oid, 'pg_attrdef'::regclass AS cls FROM pg_attrdef ad "
                + "      UNION ALL SELECT co.conrelid, co.oid, 'pg_constraint'::regclass FROM pg_constraint co "
                + "      UNION ALL SELECT tg.tgrelid, tg.oid, 'pg_trigger'::regclass FROM pg_trigger tg "
                + "      WHERE NOT tg.tgisinternal) o ON o.rel = r.oid "
                + "JOIN pg_depend d ON d.classid = o.cls AND d.objid = o.oid AND d.refclassid = 'pg_proc'::regclass "
                + "JOIN pg_proc p ON p.oid = d.refobjid JOIN pg_namespace pn ON pn.oid = p.pronamespace "
                + "WHERE " + outsideTheProfile("pn.nspname", "pg_proc", "p.oid") + " ORDER BY 1, 2",
                rs -> "table " + rs.getString(1) + " uses function " + rs.getString(2) + " from schema "
                        + rs.getString(3) + missing));
        return found;
    }

    /**
     * An object ({@code catalog}, {@code oid}) in schema {@code schema} that is neither PostgreSQL's own, nor in
     * one of the profile's schemas (the second and third parameters), nor part of an extension living there.
     */
    private static String outsideTheProfile(String schema, String catalog, String oid) {
        return schema + " NOT IN ('pg_catalog', 'information_schema') AND " + schema + " <> ALL (?) "
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend x JOIN pg_extension e ON e.oid = x.refobjid "
                + "JOIN pg_namespace en ON en.oid = e.extnamespace WHERE x.classid = '" + catalog + "'::regclass "
                + "AND x.objid = " + oid + " AND x.deptype = 'e' AND en.nspname = ANY (?))";
    }

    private interface Sentence {
        String of(ResultSet row) throws SQLException;
    }

    /**
     * Runs a catalog query over the tables (first parameter: their quoted names) and, when {@code schemas} is not
     * empty, the profile's schemas (second and third parameters), one sentence per row.
     */
    private static List<String> sentences(Connection c, List<Table> tables, List<String> schemas, String sql,
                                          Sentence sentence) throws SQLException {
        List<String> found = new ArrayList<>();
        if (tables.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.stream().map(t -> t.ref().quoted()).toArray()));
            if (!schemas.isEmpty()) {
                Array listed = c.createArrayOf("text", schemas.toArray());
                ps.setArray(2, listed);
                ps.setArray(3, listed);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(sentence.of(rs));
                }
            }
        }
        return found;
    }

    /** The refusal of a backup: the sentences and what to do. */
    public static String refusal(List<String> found) {
        return "this backup could not be restored faithfully, so it is not taken: " + String.join("; ", found)
                + ". Leave these tables out of the profile (exclude:) and back them up with pg_dump, or store the "
                + "contents in bytea columns";
    }
}
