package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Restores: point in time, all or nothing, dry run, clean restore with the EDMS checklist, guards, new instance. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestoreIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI lifeboat() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    private LifeboatClient api() {
        return LifeboatClient.admin(lifeboat());
    }

    private long backup(String source, String scope) throws Exception {
        JsonNode job = api().awaitJob(api().startBackup(source, scope), Duration.ofMinutes(3));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        return job.at("/result/backupId").asLong();
    }

    private JsonNode restore(String body) throws Exception {
        LifeboatClient.Reply r = api().post("api/restores", body);
        assertEquals(202, r.status(), r.body());
        return api().awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(4));
    }

    /** Rows the stage step read: 0 when every table went straight into its empty live table. */
    private static long stagedRows(JsonNode job) {
        for (JsonNode step : job.get("steps")) {
            if (step.get("name").asText().equals("stage-tables")) {
                return step.get("read").asLong();
            }
        }
        throw new AssertionError("no stage-tables step in " + job);
    }

    private static void sql(String source, String sql) throws Exception {
        try (Connection c = SourceDatabase.open(source); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void a_replace_restore_brings_hms_back_to_the_backup_point_exactly() throws Exception {
        long backupId = backup("hms", "database");
        String before = DatabaseState.dataDump("hms_test");
        sql("hms", """
                DELETE FROM po_items WHERE id % 3 = 0;
                DELETE FROM lab_orders WHERE id > 3500;
                UPDATE patients SET last_name = 'WRECKED' WHERE id % 10 = 0;
                UPDATE users SET email = 'x' || id || '@wrecked' WHERE id < 20;
                INSERT INTO suppliers (supplier_code, name, category)
                  SELECT 'INTRUDER-' || g, 'Intruder ' || g, 'Medical' FROM generate_series(1, 25) g;
                """);
        JsonNode job = restore("{\"backupId\":" + backupId + ",\"source\":\"hms\",\"mode\":\"replace\"}");
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        DatabaseState.assertSameData(before, DatabaseState.dataDump("hms_test"));
        Map<String, Long> deleted = new HashMap<>();
        Map<String, Long> inserted = new HashMap<>();
        for (JsonNode t : job.at("/result/tables")) {
            deleted.put(t.get("table").asText(), t.get("deleted").asLong());
            inserted.put(t.get("table").asText(), t.get("inserted").asLong());
        }
        assertEquals(25, deleted.get("public.suppliers"), "the intruders are gone");
        assertTrue(inserted.get("public.po_items") > 1000, job.at("/result/tables").toString());
        assertEquals(300, job.at("/result/users_restored").asLong());
    }

    @Test
    void a_table_with_every_type_round_trips_through_backup_and_replace() throws Exception {
        sql("hms", """
                DROP TABLE IF EXISTS it_types; DROP TYPE IF EXISTS it_mood; DROP DOMAIN IF EXISTS it_code;
                DROP TYPE IF EXISTS it_pair;
                CREATE TYPE it_mood AS ENUM ('calm', 'very busy');
                CREATE DOMAIN it_code AS text CHECK (VALUE <> 'forbidden');
                CREATE TYPE it_pair AS (label text, amount numeric);
                CREATE TABLE it_types (id int PRIMARY KEY, n30 numeric(40,10), tstz timestamptz, ts timestamp,
                  iv interval, u uuid, b bytea, j json, jb jsonb, arr text[], grid int[], mood it_mood, dom it_code,
                  comp it_pair, tsv tsvector, rng tstzrange, cash money, ip inet, net cidr, bits bit varying(20),
                  txt text, empty text, nothing text, fixed char(6), d date, f8 double precision);
                INSERT INTO it_types VALUES (1, 123456789012345678901234567890.0123456789,
                  '2024-02-29 23:59:59.123456+05:30', '1999-12-31 23:59:59.999999', '1 year 2 mons -3 days 04:05:06.7',
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff000000', '{"a": 1,   "a": 2}', '{"z": [true, null]}',
                  ARRAY['x', NULL, 'q"d', ''], '{{1,2},{3,NULL}}', 'very busy', 'ok', ROW('l, (p)', 12.50),
                  to_tsvector('english', 'quick foxes'), tstzrange('2024-01-01 00:00+00', '2024-06-01 00:00+00'),
                  1234.56, '192.168.1.5/24', '10.0.0.0/8', B'1011001', E'a\\nb\\t😀 \\\\', '', NULL, 'ab',
                  '0001-01-01', 1.0000000000000002), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                """);
        try {
            long backupId = backup("hms", "tables:it_types");
            String before = DatabaseState.dataDump("hms_test");
            sql("hms", "UPDATE it_types SET j = '{}', b = '\\x01', n30 = 1 WHERE id = 1; DELETE FROM it_types WHERE id = 2;"
                    + " INSERT INTO it_types (id, txt) VALUES (3, 'new')");
            JsonNode job = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            DatabaseState.assertSameData(before, DatabaseState.dataDump("hms_test"));

            sql("hms", "TRUNCATE it_types");
            JsonNode copied = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
            assertEquals("COMPLETED", copied.get("status").asText(), copied.toString());
            assertEquals(0, stagedRows(copied), "an empty table is copied straight in, not staged: " + copied);
            DatabaseState.assertSameData(before, DatabaseState.dataDump("hms_test"));
        } finally {
            sql("hms", "DROP TABLE IF EXISTS it_types; DROP TYPE it_mood; DROP DOMAIN it_code; DROP TYPE it_pair");
        }
    }

    @Test
    void a_restore_whose_last_table_fails_changes_nothing_and_names_table_row_and_reason() throws Exception {
        long backupId = backup("hms", "subsystem:LOG2");
        sql("hms", "DELETE FROM po_items WHERE id <= 10; UPDATE suppliers SET phone = 'changed'; "
                + "DELETE FROM fleet_costs WHERE id % 2 = 0; "
                + "ALTER TABLE po_items ADD CONSTRAINT it_no_restore CHECK (quantity < 0) NOT VALID");
        try {
            Map<String, String> wrecked;
            try (Connection c = SourceDatabase.open("hms")) {
                wrecked = DatabaseState.tableHashes(c);
            }
            JsonNode dry = api().post("api/restores", "{\"backupId\":" + backupId + ",\"mode\":\"replace\",\"dryRun\":true}")
                    .json();
            assertEquals(false, dry.get("ok").asBoolean(), dry.toString());
            assertTrue(dry.get("problems").toString().contains("it_no_restore"), dry.toString());

            JsonNode job = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
            assertEquals("FAILED", job.get("status").asText(), job.toString());
            String error = job.get("error").asText();
            assertTrue(error.contains("table public.po_items") && error.contains("it_no_restore")
                    && error.contains("Failing row contains ("), error);
            String staging = "lifeboat_restore_" + job.get("instanceId").asLong();
            try (Connection c = SourceDatabase.open("hms")) {
                assertEquals(wrecked, DatabaseState.tableHashes(c), "every live table is unchanged");
                assertTrue(SourceDatabase.schemaExists(c, staging), "the staging area stays for a restart");
            }
            // the profile points elsewhere by the time the job is abandoned: the staging schema is still found
            // in the database the restore ran against (the job keeps its datasource)
            java.nio.file.Path profile = java.nio.file.Path.of(System.getProperty("it.data.dir"), "profiles", "hms.yaml");
            String original = java.nio.file.Files.readString(profile);
            LifeboatClient.Reply abandoned;
            try {
                java.nio.file.Files.writeString(profile, original.replace("java:jboss/datasources/HmsDS",
                        "java:jboss/datasources/EdmsDS"));
                abandoned = api().post("api/jobs/" + job.get("executionId").asLong() + "/abandon", "");
            } finally {
                java.nio.file.Files.writeString(profile, original);
            }
            assertEquals(202, abandoned.status(), abandoned.body());
            try (Connection c = SourceDatabase.open("hms")) {
                assertFalse(SourceDatabase.schemaExists(c, staging), "an abandoned restore can never restart, so its staging goes");
                assertEquals(wrecked, DatabaseState.tableHashes(c), "abandoning touches no live table");
            }
        } finally {
            sql("hms", "ALTER TABLE po_items DROP CONSTRAINT it_no_restore");
        }
    }

    @Test
    void a_dry_run_reports_what_would_change_and_changes_nothing() throws Exception {
        long backupId = backup("hms", "subsystem:CT1");
        sql("hms", "DELETE FROM appointments WHERE id IN (SELECT a.id FROM appointments a WHERE NOT EXISTS (SELECT 1 "
                + "FROM lab_orders x WHERE x.appointment_id = a.id) AND NOT EXISTS (SELECT 1 FROM prescriptions x WHERE "
                + "x.appointment_id = a.id) AND NOT EXISTS (SELECT 1 FROM medical_records x WHERE x.appointment_id = a.id)"
                + " AND NOT EXISTS (SELECT 1 FROM billing_records x WHERE x.appointment_id = a.id) ORDER BY a.id LIMIT 50);"
                + " UPDATE patients SET phone = '0' WHERE id <= 7");
        Map<String, String> wrecked;
        try (Connection c = SourceDatabase.open("hms")) {
            wrecked = DatabaseState.tableHashes(c);
        }
        LifeboatClient.Reply r = api().post("api/restores", "{\"backupId\":" + backupId + ",\"mode\":\"merge\",\"dryRun\":true}");
        assertEquals(200, r.status(), r.body());
        JsonNode report = r.json();
        assertTrue(report.get("ok").asBoolean(), report.toString());
        Map<String, JsonNode> tables = new TreeMap<>();
        report.get("tables").forEach(t -> tables.put(t.get("table").asText(), t));
        assertEquals(50, tables.get("public.appointments").get("inserted").asLong(), report.toString());
        assertEquals(7, tables.get("public.patients").get("updated").asLong(), report.toString());
        try (Connection c = SourceDatabase.open("hms")) {
            assertEquals(wrecked, DatabaseState.tableHashes(c), "a dry run changes nothing");
        }
        JsonNode job = restore("{\"backupId\":" + backupId + ",\"mode\":\"merge\"}");
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
    }

    @Test
    void clean_restore_brings_back_the_edms_checklist() throws Exception {
        Map<String, String> passwords = new TreeMap<>();
        Map<String, String> roles = new TreeMap<>();
        Map<String, String> documents = new TreeMap<>();
        try (Connection c = SourceDatabase.open("edms"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT username, password FROM users_user")) {
                while (rs.next()) {
                    passwords.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT u.username, r.name FROM users_userrole ur "
                    + "JOIN users_user u ON u.id = ur.user_id JOIN users_role r ON r.id = ur.role_id")) {
                while (rs.next()) {
                    roles.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT d.document_number, u.username || '|' || t.code || '|' || s.name"
                    + " || '|' || d.file_path || '|' || d.file_checksum FROM documents_document d JOIN users_user u ON "
                    + "u.id = d.author_id JOIN documents_documenttype t ON t.id = d.document_type_id JOIN "
                    + "documents_documentsource s ON s.id = d.document_source_id")) {
                while (rs.next()) {
                    documents.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        long backupId = backup("edms", "full");
        sql("edms", "DELETE FROM users_userrole; UPDATE users_user SET password = 'lost' WHERE username = 'author01'");
        Path docs = BackupEngineIT.SOURCES.resolve("edms/storage/documents");
        Path someFile = Files.list(docs).sorted().findFirst().orElseThrow();
        Files.delete(someFile);

        LifeboatClient operator = new LifeboatClient(lifeboat(), "operator", "operator-demo");
        String clean = "{\"backupId\":" + backupId + ",\"mode\":\"clean\",\"confirm\":\"RESTORE CLEAN\"}";
        assertEquals(403, operator.post("api/restores", clean).status(), "only backup-admin may clean-restore");
        LifeboatClient.Reply unconfirmed = api().post("api/restores", "{\"backupId\":" + backupId
                + ",\"mode\":\"clean\",\"confirm\":\"restore clean\"}");
        assertEquals(400, unconfirmed.status());
        assertTrue(unconfirmed.json().get("detail").asText().contains("RESTORE CLEAN"), unconfirmed.body());
        JsonNode refused = api().get("api/audit?action=RESTORE").json();
        assertEquals("REFUSED", refused.get(0).get("status").asText());
        assertEquals("REFUSED", refused.get(1).get("status").asText());
        assertEquals("operator", refused.get(1).get("user").asText());

        JsonNode job = restore(clean);
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        JsonNode result = job.get("result");
        assertTrue(result.get("users_restored").asLong() > 0, result.toString());
        assertTrue(result.get("userroles_restored").asLong() > 0, result.toString());
        assertTrue(result.get("documents_restored").asLong() >= 0, result.toString());
        assertEquals(5, result.get("userroles_restored").asLong());

        try (Connection c = SourceDatabase.open("edms"); Statement st = c.createStatement()) {
            for (String user : new String[] {"author01", "reviewer01", "viewer01", "approver01", "admin01", "admin",
                    "edms_system"}) {
                try (ResultSet rs = st.executeQuery("SELECT password FROM users_user WHERE username = '" + user + "'")) {
                    assertTrue(rs.next(), user + " exists");
                    assertEquals(passwords.get(user), rs.getString(1), "the original password hash of " + user);
                }
            }
            Map<String, String> rolesAfter = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT u.username, r.name FROM users_userrole ur "
                    + "JOIN users_user u ON u.id = ur.user_id JOIN users_role r ON r.id = ur.role_id")) {
                while (rs.next()) {
                    rolesAfter.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(roles, rolesAfter, "the 5 user roles are back, on the right users and roles");
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT name) FROM users_role")) {
                rs.next();
                assertEquals(7, rs.getInt(1), "7 core roles, no duplicates from the baseline");
            }
            Map<String, String> documentsAfter = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT d.document_number, u.username || '|' || t.code || '|' || s.name"
                    + " || '|' || d.file_path || '|' || d.file_checksum FROM documents_document d JOIN users_user u ON "
                    + "u.id = d.author_id JOIN documents_documenttype t ON t.id = d.document_type_id JOIN "
                    + "documents_documentsource s ON s.id = d.document_source_id")) {
                while (rs.next()) {
                    documentsAfter.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(documents, documentsAfter, "documents keep author, type and source");
            for (String doc : documentsAfter.values()) {
                String[] parts = doc.split("\\|");
                Path file = BackupEngineIT.SOURCES.resolve("edms/storage").resolve(parts[3]);
                assertTrue(Files.isRegularFile(file), "file of " + doc);
                assertEquals(parts[4].trim(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(file))), "checksum of " + file);
            }
        }
        assertTrue(Files.isRegularFile(someFile), "the deleted file is back");
    }

    @Test
    void a_package_restores_into_an_empty_database_schema_first() throws Exception {
        long backupId = backup("edms", "full");
        String before = DatabaseState.dataDump("edms_test");
        sql("edms", "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        JsonNode job = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        assertTrue(job.at("/result/notes").toString().contains("schema was created from the package"), job.toString());
        DatabaseState.assertSameData(before, DatabaseState.dataDump("edms_test"));
    }

    @Test
    void an_emptied_table_is_copied_straight_in_all_or_nothing_and_restarts_after_a_fix() throws Exception {
        // no autovacuum on it: only the restore's COPY FREEZE can leave its pages all-visible
        sql("hms", "CREATE TABLE it_direct (id int PRIMARY KEY, qty int NOT NULL, note text) WITH (autovacuum_enabled = false);"
                + " INSERT INTO it_direct SELECT g, g % 700, 'row ' || g FROM generate_series(1, 30000) g");
        try {
            long backupId = backup("hms", "tables:it_direct");
            String before = DatabaseState.dataDump("hms_test");
            sql("hms", "TRUNCATE it_direct; ALTER TABLE it_direct ADD CONSTRAINT it_direct_small CHECK (qty < 600)");
            Map<String, String> emptied;
            try (Connection c = SourceDatabase.open("hms")) {
                emptied = DatabaseState.tableHashes(c);
            }

            JsonNode failed = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
            assertEquals("FAILED", failed.get("status").asText(), failed.toString());
            assertEquals(0, stagedRows(failed), failed.toString());
            String error = failed.get("error").asText();
            assertTrue(error.contains("table public.it_direct") && error.contains("it_direct_small")
                    && error.contains("Failing row contains (600, 600, row 600)") && error.contains("package line 600"),
                    error);
            try (Connection c = SourceDatabase.open("hms")) {
                assertEquals(emptied, DatabaseState.tableHashes(c), "no live table changed, it_direct is still empty");
            }

            sql("hms", "ALTER TABLE it_direct DROP CONSTRAINT it_direct_small");
            LifeboatClient.Reply restart = api().post("api/jobs/" + failed.get("executionId").asLong() + "/restart", "");
            assertEquals(202, restart.status(), restart.body());
            JsonNode done = api().awaitJob(restart.json().get("executionId").asLong(), Duration.ofMinutes(4));
            assertEquals("COMPLETED", done.get("status").asText(), done.toString());
            DatabaseState.assertSameData(before, DatabaseState.dataDump("hms_test"));
            boolean reported = false;
            for (JsonNode t : done.get("tables")) {
                reported |= t.get("step").asText().equals("apply") && t.get("table").asText().equals("public.it_direct")
                        && t.get("done").asLong() == 30000 && t.get("total").asLong() == 30000;
            }
            assertTrue(reported, "the copy shows its progress per table: " + done.get("tables"));
            try (Connection c = SourceDatabase.open("hms")) {
                assertFalse(SourceDatabase.schemaExists(c, "lifeboat_restore_" + done.get("instanceId").asLong()),
                        "a completed restore drops its staging area");
                assertEquals(0, heapFetchesOfAnIndexOnlyScan(c, "it_direct"),
                        "the rows were written frozen and all-visible (COPY FREEZE): an index-only scan reads no heap page");
            }
        } finally {
            sql("hms", "DROP TABLE IF EXISTS it_direct");
        }
    }

    /** Heap pages an index-only scan of the whole table had to visit: 0 when the visibility map covers them all. */
    private static long heapFetchesOfAnIndexOnlyScan(Connection c, String table) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off; SET enable_bitmapscan = off");
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM " + table + " WHERE id > 0")) {
                rs.next();
                JsonNode plan = LifeboatClient.JSON.readTree(rs.getString(1)).get(0).get("Plan");
                assertEquals("Index Only Scan", plan.get("Node Type").asText(), plan.toString());
                return plan.get("Heap Fetches").asLong();
            } finally {
                st.execute("RESET enable_seqscan; RESET enable_bitmapscan");
            }
        }
    }

    @Test
    void emptied_tables_get_their_indexes_and_foreign_keys_back_exactly_and_a_broken_one_fails_the_restore()
            throws Exception {
        sql("hms", """
                                CREATE TABLE it_idx_parent (id int PRIMARY KEY, code text NOT NULL, kind text,
                  CONSTRAINT parent_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED);
                CREATE TABLE it_idx_child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  parent_id int NOT NULL REFERENCES it_idx_parent (id) ON DELETE CASCADE,
                  up bigint REFERENCES it_idx_child (id), label text, amount numeric(10,2) CHECK (amount >= 0));
                CREATE INDEX child_parent_idx ON it_idx_child (parent_id);
                CREATE INDEX child_label_lower_idx ON it_idx_child (lower(label)) WHERE label IS NOT NULL;
                CREATE UNIQUE INDEX child_label_uq ON it_idx_child (parent_id, label);
                INSERT INTO it_idx_parent SELECT g, 'P' || g, CASE WHEN g % 3 = 0 THEN 'x' END FROM generate_series(1, 500) g;
                INSERT INTO it_idx_child (parent_id, up, label, amount) OVERRIDING SYSTEM VALUE
                  SELECT 1 + g % 500, NULL, CASE WHEN g % 7 <> 0 THEN 'L' || g END, g / 100.0 FROM generate_series(1, 8000) g;
                UPDATE it_idx_child SET up = id - 1 WHERE id > 1;
                """);
        try {
            String schema = DatabaseState.schemaDump("hms_test", "it_idx_*");
            long backupId = backup("hms", "tables:it_idx_parent,it_idx_child");
            String before = DatabaseState.dataDump("hms_test");
            sql("hms", "TRUNCATE it_idx_parent, it_idx_child");

            JsonNode job = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            assertEquals(0, stagedRows(job), "both tables were empty: copied straight in, " + job);
            DatabaseState.assertSameData(before, DatabaseState.dataDump("hms_test"));
            assertEquals(schema, DatabaseState.schemaDump("hms_test", "it_idx_*"),
                    "every index, key and constraint is back as it was");

            sql("hms", "TRUNCATE it_idx_parent, it_idx_child; CREATE UNIQUE INDEX parent_kind_uq ON it_idx_parent (kind)");
            String strict = DatabaseState.schemaDump("hms_test", "it_idx_*");
            JsonNode failed = restore("{\"backupId\":" + backupId + ",\"mode\":\"replace\"}");
            assertEquals("FAILED", failed.get("status").asText(), failed.toString());
            String error = failed.get("error").asText();
            assertTrue(error.contains("table public.it_idx_parent") && error.contains("parent_kind_uq")
                    && error.contains("(kind)=(x) is duplicated"), error);
            assertEquals(strict, DatabaseState.schemaDump("hms_test", "it_idx_*"), "the schema is as before the restore");
            try (Connection c = SourceDatabase.open("hms"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM it_idx_parent) + (SELECT count(*) FROM it_idx_child)")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "nothing was restored");
            }
        } finally {
            sql("hms", "DROP TABLE IF EXISTS it_idx_child, it_idx_parent");
        }
    }
}
