package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema SQL of an uploaded package, restored into an empty database: never run for an unsigned upload unless
 * a backup-admin allows it for that restore, and then filtered; a package this server signed runs as its own
 * backups do. Each test empties edms_test and puts it back from a server backup afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadedSchemaSecurityIT {

    private static final String SCHEMA = "schema/schema.sql";
    private static final String HOSTILE = """

            CREATE FUNCTION public.lifeboat_it_evil() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
            SELECT pg_sleep(20);
            ALTER DATABASE edms_test SET work_mem = '7MB';
            """;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private LifeboatClient as(String user, String password) {
        return new LifeboatClient(URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "")
                + "/lifeboat/"), user, password);
    }

    private LifeboatClient admin() {
        return as("admin", "admin-demo");
    }

    private LifeboatClient operator() {
        return as("operator", "operator-demo");
    }

    /** A server backup of edms (database scope: schema and rows), as its id and its downloaded bytes. */
    private record Backup(long id, byte[] file) {}

    private Backup backup() throws Exception {
        JsonNode job = admin().awaitJob(admin().startBackup("edms", "database"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        long id = job.at("/result/backupId").asLong();
        HttpResponse<byte[]> r = admin().download("api/backups/" + id + "/download");
        assertEquals(200, r.statusCode());
        return new Backup(id, r.body());
    }

    private long upload(LifeboatClient client, byte[] file, String expectedOrigin) throws Exception {
        LifeboatClient.Reply up = client.upload("api/backups/upload", "edms.lifeboat.tar", file);
        assertEquals(201, up.status(), up.body());
        long id = up.json().get("id").asLong();
        assertEquals(expectedOrigin, admin().get("api/backups/" + id).json().get("origin").asText());
        return id;
    }

    /** The package with its schema SQL changed (entries and checksums to match) and without the signature. */
    private static byte[] withSchema(byte[] file, String extraSql) throws Exception {
        Map<String, byte[]> entries = UploadIT.entries(file);
        entries.remove("manifest.sig");
        byte[] schema = (new String(entries.get(SCHEMA), StandardCharsets.UTF_8) + extraSql)
                .getBytes(StandardCharsets.UTF_8);
        entries.put(SCHEMA, schema);
        ObjectNode manifest = (ObjectNode) LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        for (JsonNode e : manifest.get("entries")) {
            if (e.get("name").asText().equals(SCHEMA)) {
                ((ObjectNode) e).put("sha256", PackageFile.sha256(schema)).put("bytes", schema.length);
            }
        }
        entries.put("manifest.json", LifeboatClient.JSON.writeValueAsBytes(manifest));
        return UploadIT.tar(entries);
    }

    private static void sql(String sql) throws Exception {
        try (Connection c = SourceDatabase.open("edms"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long scalar(String sql) throws Exception {
        try (Connection c = SourceDatabase.open("edms"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void emptyEdms() throws Exception {
        sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    }

    /** Nothing of the hostile script ran: no function, no database setting, still no table. */
    private static void assertNothingRan() throws Exception {
        assertEquals(0, scalar("SELECT count(*) FROM pg_proc WHERE proname = 'lifeboat_it_evil'"), "no function");
        assertEquals(0, scalar("SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase"
                + " WHERE d.datname = 'edms_test' AND array_to_string(s.setconfig, ',') LIKE '%work_mem%'"),
                "no ALTER DATABASE ... SET");
        assertEquals(0, scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "still empty");
    }

    /** Rows of every edms table (sequence positions aside: a restore leaves them called, a fresh load not). */
    private static Map<String, String> rows() throws Exception {
        try (Connection c = SourceDatabase.open("edms")) {
            return DatabaseState.tableHashes(c);
        }
    }

    /** Puts edms back from the server's own backup if a test left it empty (trusted: its schema runs as always). */
    private void putBack(Backup backup) throws Exception {
        sql("REASSIGN OWNED BY lifeboat_ddl TO lifeboat"); // what an allowed upload created, back to the usual owner
        if (scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 0) {
            JsonNode job = restore(admin(), "{\"backupId\":" + backup.id() + ",\"mode\":\"replace\","
                    + "\"restoreStorage\":false}");
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        }
    }

    private JsonNode restore(LifeboatClient client, String body) throws Exception {
        LifeboatClient.Reply r = client.post("api/restores", body);
        assertEquals(202, r.status(), r.body());
        return client.awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(4));
    }

    @Test
    void an_operators_unsigned_upload_does_not_run_its_schema_sql_into_an_empty_database() throws Exception {
        Backup backup = backup();
        long id = upload(operator(), withSchema(backup.file(), HOSTILE), "UPLOAD");
        emptyEdms();
        try {
            long started = System.nanoTime();
            LifeboatClient.Reply r = operator().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\","
                    + "\"restoreStorage\":false}");
            assertEquals(422, r.status(), r.body());
            assertTrue(r.json().get("detail").asText().contains("uploaded without this server's signature")
                    && r.json().get("detail").asText().contains("\"allowUploadedSchema\": true"), r.body());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15, "pg_sleep(20) never ran");

            JsonNode dry = operator().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\","
                    + "\"dryRun\":true}").json();
            assertTrue(dry.get("problems").toString().contains("uploaded without this server's signature"),
                    dry.toString());

            LifeboatClient.Reply asked = operator().post("api/restores", "{\"backupId\":" + id
                    + ",\"mode\":\"merge\",\"allowUploadedSchema\":true}");
            assertEquals(403, asked.status(), asked.body());
            assertTrue(asked.json().get("detail").asText().contains("only a backup-admin"), asked.body());
            assertNothingRan();
        } finally {
            putBack(backup);
        }
    }

    @Test
    void an_admin_allowing_the_uploaded_schema_still_has_the_hostile_statement_refused_by_name() throws Exception {
        Backup backup = backup();
        long id = upload(operator(), withSchema(backup.file(), HOSTILE), "UPLOAD");
        emptyEdms();
        try {
            LifeboatClient.Reply r = admin().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\","
                    + "\"restoreStorage\":false,\"allowUploadedSchema\":true}");
            assertEquals(422, r.status(), r.body());
            String detail = r.json().get("detail").asText();
            assertTrue(detail.contains("SELECT pg_sleep(20)") && detail.contains("calls pg_sleep()")
                    && detail.contains("nothing of the schema was run"), detail);
            assertNothingRan();
            JsonNode audit = admin().get("api/audit?action=RESTORE&user=admin").json();
            assertEquals("REFUSED", audit.get(0).get("status").asText(), audit.toString());
        } finally {
            putBack(backup);
        }
    }

    @Test
    void an_admin_allowing_a_clean_uploaded_schema_gets_it_restored_and_without_the_flag_it_is_refused()
            throws Exception {
        Backup backup = backup();
        Map<String, String> before = rows();
        long id = upload(operator(), withSchema(backup.file(), "\n-- uploaded from elsewhere\n"), "UPLOAD");
        emptyEdms();
        try {
            LifeboatClient.Reply refused = admin().post("api/restores", "{\"backupId\":" + id
                    + ",\"mode\":\"merge\",\"restoreStorage\":false}");
            assertEquals(422, refused.status(), refused.body());

            JsonNode job = restore(admin(), "{\"backupId\":" + id + ",\"mode\":\"merge\",\"restoreStorage\":false,"
                    + "\"allowUploadedSchema\":true}");
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            assertTrue(job.at("/result/notes").toString().contains("allowed for this restore"), job.toString());
            assertEquals("true", job.at("/parameters/allowUploadedSchema").asText(), job.toString());
            assertEquals(before, rows(), "every row is back");
            JsonNode audit = admin().get("api/audit?action=RESTORE&user=admin").json();
            assertTrue(audit.toString().contains("schema SQL of this unsigned upload is allowed"),
                    audit.toString());
        } finally {
            putBack(backup);
        }
    }

    @Test
    void an_allowed_uploaded_schema_runs_as_the_confined_role_and_cannot_reach_outside_the_profiles_schemas()
            throws Exception {
        Backup backup = backup();
        Map<String, String> before = rows();
        // a schema of edms the profile does not list, owned by the sources' role: the filter lets ALTER TABLE
        // through, the confined role may not touch it
        sql("DROP SCHEMA IF EXISTS lifeboat_it_outside CASCADE; CREATE SCHEMA lifeboat_it_outside; "
                + "CREATE TABLE lifeboat_it_outside.keep (id int PRIMARY KEY); INSERT INTO lifeboat_it_outside.keep "
                + "VALUES (1)");
        String probe = "\nCREATE FUNCTION public.lifeboat_it_probe() RETURNS text LANGUAGE sql "
                + "AS $$ SELECT current_user::text $$;\n";
        long reaching = upload(operator(), withSchema(backup.file(), probe
                + "ALTER TABLE lifeboat_it_outside.keep ADD COLUMN smuggled int;\n"), "UPLOAD");
        long clean = upload(operator(), withSchema(backup.file(), probe), "UPLOAD");
        emptyEdms();
        try {
            LifeboatClient.Reply r = admin().post("api/restores", "{\"backupId\":" + reaching
                    + ",\"mode\":\"merge\",\"restoreStorage\":false,\"allowUploadedSchema\":true}");
            if (r.status() == 202) {
                JsonNode failed = admin().awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(4));
                assertEquals("FAILED", failed.get("status").asText(), failed.toString());
                assertTrue(failed.toString().contains("permission denied"), failed.toString());
            } else {
                assertEquals(422, r.status(), r.body());
                assertTrue(r.body().contains("permission denied"), r.body());
            }
            assertEquals(0, scalar("SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                    + "'lifeboat_it_outside' AND column_name = 'smuggled'"), "the outside table is unchanged");
            assertEquals(0, scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), "still empty");

            JsonNode job = restore(admin(), "{\"backupId\":" + clean + ",\"mode\":\"merge\","
                    + "\"restoreStorage\":false,\"allowUploadedSchema\":true}");
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            assertTrue(job.at("/result/notes").toString().contains("as the confined role lifeboat_ddl"),
                    job.toString());
            assertEquals(before, rows(), "every row is back");
            assertEquals(0, scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'public' AND c.relkind = 'r' AND pg_get_userbyid(c.relowner) <> "
                    + "'lifeboat_ddl'"), "every table the upload created is owned by the confined role");
            assertEquals(1, scalar("SELECT count(*) FROM pg_proc WHERE proname = 'lifeboat_it_probe' "
                    + "AND pg_get_userbyid(proowner) = 'lifeboat_ddl'"), "and so is its function");
        } finally {
            sql("DROP SCHEMA IF EXISTS lifeboat_it_outside CASCADE; DROP FUNCTION IF EXISTS public.lifeboat_it_probe()");
            putBack(backup);
        }
    }

    @Test
    void a_server_package_downloaded_and_uploaded_again_keeps_its_signature_and_restores_without_the_flag()
            throws Exception {
        Backup backup = backup();
        Map<String, String> before = rows();
        long id = upload(operator(), backup.file(), "SIGNED_UPLOAD");
        emptyEdms();
        try {
            JsonNode job = restore(operator(), "{\"backupId\":" + id + ",\"mode\":\"merge\",\"restoreStorage\":false}");
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            assertTrue(job.at("/result/notes").toString().contains("schema was created from the package"),
                    job.toString());
            assertEquals(before, rows(), "every row is back");
        } finally {
            putBack(backup);
        }
    }
}
