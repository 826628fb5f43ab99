package org.lifeboat.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.logging.LifeboatLog;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Brings Lifeboat's own database to the newest schema version when the persistence unit starts: Hibernate calls
 * integrators while it builds the session factory, before its schema validation ({@code hbm2ddl.auto=validate})
 * runs, so the entities are checked against the migrated tables and a deployment whose tables do not match fails.
 *
 * <p>Three cases, decided on the database itself:
 * <ul>
 * <li>{@code flyway_schema_history} exists: the pending migrations run;</li>
 * <li>no history, but the tables of the last hbm2ddl release exist: that schema is V1 ({@code V1__baseline.sql}),
 *     so the database is baselined at 1 and V2 onwards run;</li>
 * <li>no history and none of those tables: every migration runs, from V1. The schema may already hold the sign-in
 *     tables of {@code lifeboat-init.sql}, so Flyway is told to baseline at 0 (below V1) rather than refuse a
 *     non-empty schema.</li>
 * </ul>
 * Some but not all of the old tables is no state any release left: the deployment fails, naming them.
 */
public class SchemaMigrations implements Integrator {


    /** The persistence unit whose database this manages; any other session factory is left alone. */
    static final String UNIT = "lifeboat";

    /** Where the migrations live, in this jar. */
    static final String LOCATION = "classpath:db/migration";

    /** The tables hbm2ddl made for the entities up to the last release without migrations: exactly V1's. */
    static final List<String> V1_TABLES = List.of("lifeboat_audit", "lifeboat_backup", "lifeboat_job_error",
            "lifeboat_restore", "lifeboat_retention", "lifeboat_schedule", "lifeboat_table_progress");

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
                          SessionFactoryImplementor sessionFactory) {
        // WildFly names the unit by its scoped name ("lifeboat.ear/lifeboat-ejb.jar#lifeboat")
        Object unit = sessionFactory.getProperties().getOrDefault("hibernate.persistenceUnitName",
                sessionFactory.getProperties().get("hibernate.ejb.persistenceUnitName"));
        if (unit != null && !UNIT.equals(unit) && !unit.toString().endsWith("#" + UNIT)) {
            LifeboatLog.LOG.debugf("persistence unit %s is not Lifeboat's: no migrations", unit);
            return;
        }
        DataSource dataSource = sessionFactory.getServiceRegistry().requireService(ConnectionProvider.class)
                .unwrap(DataSource.class);
        migrate(dataSource);
    }

    /** Runs the pending migrations on {@code dataSource}; any failure is thrown (and stops the deployment). */
    static MigrateResult migrate(DataSource dataSource) {
        String baseline;
        try (Connection c = dataSource.getConnection()) {
            baseline = baselineVersion(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema of Lifeboat's database: " + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion(baseline)
                .baselineDescription("1".equals(baseline) ? "tables of the last hbm2ddl release" : "empty")
                .validateMigrationNaming(true)
                .load();
        MigrateResult result = flyway.migrate();
        LifeboatLog.LOG.schemaAt(flyway.info().current().getVersion()
                + ("1".equals(baseline) ? ", baselined at 1: the tables of the last hbm2ddl release" : ""),
                result.migrationsExecuted);
        return result;
    }

    /**
     * "1" when the tables of the last hbm2ddl release are there without a migration history, "0" otherwise (Flyway
     * only uses it when there is no history and the schema holds other tables).
     */
    static String baselineVersion(Connection c) throws SQLException {
        List<String> present = new ArrayList<>();
        boolean history;
        try (PreparedStatement st = c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            history = tables.contains("flyway_schema_history");
            for (String t : V1_TABLES) {
                if (tables.contains(t)) {
                    present.add(t);
                }
            }
        }
        if (history || present.isEmpty()) {
            return "0";
        }
        if (present.size() < V1_TABLES.size()) {
            List<String> missing = new ArrayList<>(V1_TABLES);
            missing.removeAll(present);
            throw new IllegalStateException("Lifeboat's database has some of the tables of the last release without"
                    + " migrations, not all (missing: " + String.join(", ", missing) + "): it was not left by any"
                    + " release; restore it from a dump or drop " + String.join(", ", present) + " to start empty");
        }
        return "1";
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry registry) {
        // nothing to undo
    }
}
