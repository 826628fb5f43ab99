package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A database left by the last release without migrations (hbm2ddl.auto=update; {@code upgrade/previous-release.sql},
 * dumped from that release's own server: catalogued packages, a sealed audit chain, schedules, retention, a restore)
 * under this release's server: it is baselined at V1, V2 runs, Hibernate's validation passes, and every row is as
 * it was, the chain still verifies and grows, the schedules and packages are still listed. A second start runs no
 * migration. Then a column the entities need is dropped: the deployment fails on Hibernate's schema validation.
 *
 * <p>The server is a process of the test's own ({@link OwnServer}) on the database {@code lifeboat_upgrade_test}
 * (bin/test creates it with lifeboat-init.sql, as bin/demo did for that release) and an audit anchor of its own.
 */
class SchemaUpgradeIT {

    static final String DATABASE = "lifeboat_upgrade_test";

    static final List<String> TABLES = List.of("lifeboat_audit", "lifeboat_backup", "lifeboat_job_error",
            "lifeboat_restore", "lifeboat_retention", "lifeboat_schedule", "lifeboat_table_progress");

    static Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE
                + "?user=lifeboat&password=lifeboat");
    }

    @Test
    void a_database_of_the_previous_release_is_baselined_migrated_and_keeps_its_rows() throws Exception {
        loadPreviousRelease();
        List<String> rowsBefore = rows();
        List<String> columnsBefore = columns();
        assertEquals(9, rowsBefore.stream().filter(r -> r.startsWith("lifeboat_audit ")).count(), "fixture");

        try (OwnServer server = server()) {
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());

            // the migration history: the old tables taken as V1, then V2 to V5 applied
            assertEquals(List.of("1 BASELINE true", "2 SQL true", "3 SQL true", "4 SQL true", "5 SQL true"), history());
            assertTrue(logText(server).contains("baselined at 1: the tables of the last hbm2ddl release"),
                    "the server says it baselined the old schema");
            // nothing of the old tables changed: same rows, same columns; V2 only added indexes, V3 the retention
            // policy's grandfather-father-son counts (null: the old policies keep what they kept), V4 a table of
            // its own (off-site copies), V5 two columns of that table (encrypted copies)
            assertEquals(rowsBefore, rows());
            List<String> expectedColumns = new java.util.ArrayList<>(columnsBefore);
            expectedColumns.addAll(expectedColumns.indexOf("lifeboat_retention.keepdays integer - YES NO") + 1,
                    List.of("lifeboat_retention.keepdaily integer - YES NO",
                            "lifeboat_retention.keepweekly integer - YES NO",
                            "lifeboat_retention.keepmonthly integer - YES NO"));
            assertEquals(expectedColumns, columns().stream().filter(c -> !c.startsWith("lifeboat_copy.")).toList());
            assertTrue(indexes().containsAll(List.of("lifeboat_backup_source_created_idx",
                    "lifeboat_audit_occurred_idx", "lifeboat_job_error_execution_idx")), indexes().toString());

            // the audit chain sealed by the old server verifies under the new one
            JsonNode verify = api.get("api/audit/verify").json();
            assertTrue(verify.get("intact").asBoolean(), verify.toString());
            assertEquals(9, verify.get("entries").asLong());

            // schedules, retention and the catalog, as the old server left them
            JsonNode schedules = api.get("api/schedules").json();
            assertEquals(2, schedules.size(), schedules.toString());
            assertEquals("edms daily 02:00 true", schedule(schedules.get(0)));
            assertEquals("hms 30 4 * * 1 false", schedule(schedules.get(1)));
            JsonNode retention = api.get("api/retention/edms").json();
            assertEquals(30, retention.get("keepDays").asInt(), retention.toString());
            assertEquals(5, retention.get("keepCount").asInt(), retention.toString());
            assertTrue(retention.get("keepDaily").isNull(), "no generations in an old policy: " + retention);
            JsonNode backups = api.get("api/backups").json();
            assertEquals(2, backups.size(), backups.toString());
            assertEquals("3e11b4e922289c07fb78f41721d835cc12e44659af1e785af36623e82f8e41c5",
                    backups.get(1).get("sha256").asText());
            assertEquals(16010, backups.get(1).get("totalRows").asLong());

            // the new server writes on: the identity sequences go on past the old ids, the chain grows and holds
            JsonNode disabled = api.post("api/schedules/1/disable", "").json();
            assertFalse(disabled.get("enabled").asBoolean(), disabled.toString());
            verify = api.get("api/audit/verify").json();
            assertTrue(verify.get("intact").asBoolean(), verify.toString());
            assertEquals(10, verify.get("entries").asLong());
        }

        // a second start finds the history: no migration runs, the schema still validates
        try (OwnServer again = server()) {
            again.start();
            assertEquals(List.of("1 BASELINE true", "2 SQL true", "3 SQL true", "4 SQL true", "5 SQL true"), history());
            assertTrue(logText(again).contains("LIFEBOAT014: Lifeboat's database schema is at version 5")
                    && logText(again).contains("(0 migration(s) applied now)"), "nothing to migrate on the second start");
            JsonNode verify = LifeboatClient.admin(again.lifeboat()).get("api/audit/verify").json();
            assertTrue(verify.get("intact").asBoolean(), verify.toString());
        }
    }

    @Test
    void a_table_that_does_not_fit_the_entities_fails_the_deployment() throws Exception {
        loadPreviousRelease();
        try (Connection db = open(); Statement st = db.createStatement()) {
            st.execute("ALTER TABLE lifeboat_backup DROP COLUMN origin");
        }
        try (OwnServer server = server()) {
            server.launch();
            // WFLYSRV0025 "started", or WFLYSRV0026 "started (with errors)": booted, whatever deployed
            String log = awaitLog(server, "WFLYSRV002[56]", Duration.ofMinutes(2));
            assertTrue(log.contains("Schema-validation: missing column [origin] in table [lifeboat_backup]")
                            || log.contains("Schema-validation: missing column [origin] in table [public.lifeboat_backup]"),
                    "Hibernate's validation names the column; see " + server.log());
            // (a deployment that fails at boot is still listed as "Deployed" by the scanner, with failed services)
            assertTrue(log.contains("WFLYSRV0026"), "the server reports failed services; see " + server.log());
            assertTrue(log.contains("WFLYCTL0013: Operation (\"deploy\") failed - address: ([(\"deployment\" =>"
                    + " \"lifeboat.ear\")])"), "the deployment failed; see " + server.log());
            assertEquals(404, LifeboatClient.admin(server.lifeboat()).get("api/sources").status());
            // the migrations ran before the validation failed (baseline and V2 to V5 are committed)
            assertEquals(List.of("1 BASELINE true", "2 SQL true", "3 SQL true", "4 SQL true", "5 SQL true"), history());
        }
    }

    private static OwnServer server() throws Exception {
        OwnServer server = new OwnServer("upgrade-server");
        return server.env("LIFEBOAT_DB_SUFFIX", "_upgrade_test")
                .property("lifeboat.audit.anchor", server.base().resolve("audit-anchor").toString());
    }

    /** Empties the database of Lifeboat's tables and loads the previous release's dump (schema and rows). */
    private static void loadPreviousRelease() throws Exception {
        String dump;
        try (var in = Objects.requireNonNull(SchemaUpgradeIT.class.getResourceAsStream(
                "/upgrade/previous-release.sql"))) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection db = open(); Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS flyway_schema_history, " + String.join(", ", TABLES) + " CASCADE");
            st.execute("DROP TABLE IF EXISTS lifeboat_copy"); // the tables of later migrations (V4, V5)
            st.execute("TRUNCATE TABLE jberet.job_instance CASCADE"); // fails if JBeret never ran here: below
        } catch (SQLException noJobRepositoryYet) {
            // a fresh database: JBeret creates its tables on first use
        }
        try (Connection db = open(); Statement st = db.createStatement()) {
            st.execute(dump);
        }
        try (Connection db = open()) {
            assertEquals(TABLES, tablesPresent(db));
        }
    }

    private static List<String> tablesPresent(Connection db) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_name LIKE 'lifeboat\\_%' AND table_name NOT LIKE 'lifeboat\\_user%'"
                        + " ORDER BY table_name")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Every row of the seven tables as text, in primary key order. */
    /** Columns added to the previous release's tables since (V3: retention generations). */
    private static final List<String> ADDED_BY_LATER_MIGRATIONS = List.of("keepdaily", "keepweekly", "keepmonthly");

    private static List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = open(); Statement st = db.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table);
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            if (ADDED_BY_LATER_MIGRATIONS.contains(md.getColumnName(i)) && rs.getString(i) == null) {
                                continue; // a column a later migration added, still empty: the old row is as it was
                            }
                            row.append(' ').append(md.getColumnName(i)).append('=').append(rs.getString(i));
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private static List<String> columns() throws SQLException {
        return strings("SELECT table_name || '.' || column_name || ' ' || data_type || ' '"
                + " || coalesce(character_maximum_length::text, '-') || ' ' || is_nullable || ' ' || is_identity"
                + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'lifeboat\\_%'"
                + " ORDER BY table_name, ordinal_position");
    }

    private static List<String> indexes() throws SQLException {
        return strings("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1");
    }

    private static List<String> history() throws SQLException {
        return strings("SELECT version || ' ' || type || ' ' || success FROM flyway_schema_history"
                + " ORDER BY installed_rank");
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection db = open(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String schedule(JsonNode s) {
        return s.get("source").asText() + " " + s.get("expression").asText() + " " + s.get("enabled").asBoolean();
    }

    private static String logText(OwnServer server) throws Exception {
        return Files.readString(server.log());
    }

    private static String awaitLog(OwnServer server, String marker, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Path log = server.log();
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(marker);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                String text = Files.readString(log);
                if (pattern.matcher(text).find()) {
                    return text;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + marker + " in " + log + " within " + timeout);
    }
}
