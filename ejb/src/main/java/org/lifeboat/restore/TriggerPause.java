package org.lifeboat.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lifeboat.source.TableRef;

/**
 * The user triggers and rules of the restored tables (and of their partitions), out of the way for the load inside
 * the apply transaction and put back exactly as they were before the commit: triggers are disabled and enabled
 * again in their mode (enabled, {@code ALWAYS}, {@code REPLICA}); rules are dropped and created again from
 * {@code pg_get_ruledef} with their mode and comment, because PostgreSQL refuses {@code INSERT ... ON CONFLICT} on
 * a table that has rules at all. A {@code BEFORE UPDATE} trigger stamping {@code last_update = now()}, an audit
 * trigger writing history rows or a rule rewriting inserts must not change what the package holds. Constraints
 * (primary, unique, foreign keys, checks, exclusions) are PostgreSQL's internal triggers and indexes: they stay on
 * and are checked. A rollback (a dry run, a failed restore) puts everything back by itself. This needs the
 * table's owner: a source role that is not refuses the restore with a sentence, never a silently different table.
 */
final class TriggerPause {

    /** A trigger or rule switched off; a rule with its definition and comment, as it is dropped and made again. */
    private record Switched(String relation, String kind, String name, String state, String definition,
                            String comment) {}

    private final List<Switched> switched;

    private TriggerPause(List<Switched> switched) {
        this.switched = switched;
    }

    static TriggerPause pause(Connection c, Collection<TableRef> tables) throws SQLException {
        List<Switched> switched = new ArrayList<>();
        for (TableRef table : tables) {
            for (Switched s : enabled(c, table)) {
                // a rule is dropped, not disabled: PostgreSQL refuses INSERT ... ON CONFLICT on a table with rules,
                // enabled or not; disabling a partitioned table's trigger may reach its partitions already
                if (s.kind().equals("RULE") || !state(c, s).equals("D")) {
                    try (Statement st = c.createStatement()) {
                        st.execute(s.kind().equals("RULE")
                                ? "DROP RULE " + TableRef.quote(s.name()) + " ON " + s.relation()
                                : "ALTER TABLE " + s.relation() + " DISABLE TRIGGER " + TableRef.quote(s.name()));
                    } catch (SQLException e) {
                        if ("42501".equals(e.getSQLState())) {
                            throw new RestoreException("the restore switches off the " + s.kind().toLowerCase()
                                    + " " + s.name() + " of " + s.relation() + " so that it cannot change the restored"
                                    + " rows, and only the table's owner may: make the source's database role own "
                                    + "the tables (" + e.getMessage() + ")", e);
                        }
                        throw e;
                    }
                }
                switched.add(s);
            }
        }
        return new TriggerPause(switched);
    }

    /** Puts every trigger and rule back as it was, parents before partitions. */
    void resume(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (Switched s : switched) {
                if (s.kind().equals("RULE")) {
                    st.execute(s.definition());
                    if (s.comment() != null) {
                        st.execute("COMMENT ON RULE " + TableRef.quote(s.name()) + " ON " + s.relation() + " IS "
                                + quoteLiteral(s.comment()));
                    }
                    if (s.state().equals("O")) {
                        continue;
                    }
                }
                String how = switch (s.state()) {
                    case "A" -> " ENABLE ALWAYS ";
                    case "R" -> " ENABLE REPLICA ";
                    case "D" -> " DISABLE ";
                    default -> " ENABLE ";
                };
                st.execute("ALTER TABLE " + s.relation() + how + s.kind() + " " + TableRef.quote(s.name()));
            }
        }
    }

    long count(String kind) {
        return switched.stream().filter(s -> s.kind().equals(kind)).count();
    }

    /** The sentence for the report, or null when the tables have no trigger and no rule. */
    String note() {
        if (switched.isEmpty()) {
            return null;
        }
        return count("TRIGGER") + " triggers and " + count("RULE") + " rules of the restored tables were set aside "
                + "for the load and put back as they were before the commit, so the restored rows hold the package's "
                + "values (constraints were checked as always)";
    }

    /** Enabled user triggers and rules of the table and its partitions, the table first. */
    private static List<Switched> enabled(Connection c, TableRef table) throws SQLException {
        String tree = "(SELECT ?::regclass AS relid, 0 AS level UNION ALL SELECT relid, level "
                + "FROM pg_partition_tree(?::regclass) WHERE level > 0)";
        String sql = "SELECT r.relid::regclass::text, 'TRIGGER', t.tgname, t.tgenabled::text, NULL, NULL, r.level "
                + "FROM " + tree + " r JOIN pg_trigger t ON t.tgrelid = r.relid WHERE NOT t.tgisinternal "
                + "AND t.tgenabled <> 'D' UNION ALL SELECT r.relid::regclass::text, 'RULE', w.rulename, "
                + "w.ev_enabled::text, pg_get_ruledef(w.oid), obj_description(w.oid, 'pg_rewrite'), r.level FROM "
                + tree + " r JOIN pg_rewrite w ON w.ev_class = r.relid WHERE w.rulename <> '_RETURN' "
                + "ORDER BY 7, 1, 2, 3";
        List<Switched> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, table.quoted());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Switched(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return found;
    }

    private static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String state(Connection c, Switched s) throws SQLException {
        String sql = s.kind().equals("TRIGGER")
                ? "SELECT tgenabled::text FROM pg_trigger WHERE tgrelid = ?::regclass AND tgname = ?"
                : "SELECT ev_enabled::text FROM pg_rewrite WHERE ev_class = ?::regclass AND rulename = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.relation());
            ps.setString(2, s.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "D";
            }
        }
    }
}
