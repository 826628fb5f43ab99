package org.lifeboat.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.source.TableRef;

/**
 * The database role an unsigned upload's schema DDL runs as, when a backup-admin allowed it: {@value #NAME}, a
 * role without login, superuser, CREATEDB, CREATEROLE or any right on the database itself, granted to the
 * source's own role. Lifeboat creates the profile's schemas and the allowed extensions itself (as the source's
 * role), gives the confined role {@code USAGE, CREATE} on those schemas and read access to the restore's staging
 * tables, and then runs the upload's statements, and the rest of that restore (where the upload's triggers,
 * defaults and generated columns would run), under {@code SET LOCAL ROLE}. Objects the upload creates are owned by
 * the confined role, so a function it declares can never act with the database owner's rights, and a statement
 * that the filter let through but that reaches outside the profile's schemas fails with PostgreSQL's own
 * "permission denied".
 */
public final class ConfinedSchemaRole {

    public static final String NAME = "lifeboat_ddl";

    /** What a superuser runs once so that allowed uploads can run (bin/test, bin/demo and docker do it). */
    public static final String SETUP = "CREATE ROLE " + NAME + " NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
            + "NOREPLICATION NOBYPASSRLS; GRANT " + NAME + " TO <the source's role>";

    private ConfinedSchemaRole() {}

    /** Why the role cannot be used on this connection, or null when it can. */
    public static String unusable(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT r.rolsuper OR r.rolcreatedb OR r.rolcreaterole "
                + "OR r.rolbypassrls OR r.rolreplication, pg_has_role(current_user, r.oid, 'USAGE'), current_user "
                + "FROM pg_roles r WHERE r.rolname = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "an uploaded schema runs as the database role " + NAME + ", which does not exist; "
                            + "have a superuser run: " + SETUP;
                }
                if (rs.getBoolean(1)) {
                    return "the database role " + NAME + " has more than schema rights (superuser, CREATEDB, "
                            + "CREATEROLE, BYPASSRLS or REPLICATION); an uploaded schema will not run as it";
                }
                if (!rs.getBoolean(2)) {
                    return "the database role " + NAME + " is not granted to " + rs.getString(3)
                            + "; have a superuser run: GRANT " + NAME + " TO " + rs.getString(3);
                }
                return null;
            }
        }
    }

    /**
     * Opens the profile's schemas to the confined role, lets it read the staging tables, and switches the
     * transaction to it; {@link #leave} switches back.
     */
    public static void enter(Connection c, List<String> schemas, StagingArea staging) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + TableRef.quote(schema));
                st.execute("GRANT USAGE, CREATE ON SCHEMA " + TableRef.quote(schema) + " TO " + NAME);
            }
            for (String table : stagingTables(c, staging)) {
                st.execute("GRANT SELECT ON " + table + " TO " + NAME);
            }
            if (!staging.schema().equals("pg_temp")) {
                st.execute("GRANT USAGE ON SCHEMA " + TableRef.quote(staging.schema()) + " TO " + NAME);
            }
            st.execute("SET LOCAL ROLE " + NAME);
        }
    }

    public static void leave(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("RESET ROLE");
        }
    }

    private static List<String> stagingTables(Connection c, StagingArea staging) throws SQLException {
        String namespace = staging.schema().equals("pg_temp") ? "pg_my_temp_schema()"
                : "(SELECT oid FROM pg_namespace WHERE nspname = ?)";
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) "
                + "FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace WHERE t.relkind = 'r' "
                + "AND t.relnamespace = " + namespace)) {
            if (!staging.schema().equals("pg_temp")) {
                ps.setString(1, staging.schema());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }
}
