package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What comes back is exactly what was backed up, on a schema with the shapes real ones have
 * (src/test/resources/fidelity/schema.sql: partitions of every kind with foreign keys on single partitions,
 * triggers that rewrite rows or write history, a rule, shared and owned-by-nothing sequences, identity and
 * generated columns, two schemas...). The source is added to the running server the way the README says:
 * a datasource through jboss-cli and a profile in the profiles folder. "Exactly" is pg_dump's word: the sorted
 * {@code pg_dump --data-only} (rows and every sequence's setval) and {@code pg_dump --schema-only} are compared.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FidelityIT {

    private static final String DATABASE = "fidelity_test";
    /** The "new instance": an empty database behind a source of another name. */
    private static final String COPY = "fidelity_copy_test";
    private static final String PROFILE = """
            source: fidelity
            description: Every shape of schema (FidelityIT)
            datasource: java:jboss/datasources/FidelityDS
            schemas: [public, lab]
            include: ["*"]
            exclude: []
            sharedTables: []
            departments: []
            storage: []
            configuration: []
            secrets: []
            """;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private LifeboatClient admin;

    private static Path profile() {
        return Path.of(System.getProperty("it.data.dir"), "profiles", "fidelity.yaml");
    }

    private static Path copyProfile() {
        return profile().resolveSibling("fidelitycopy.yaml");
    }

    private static Connection open() throws Exception {
        return open(DATABASE);
    }

    private static Connection open(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database
                + "?user=lifeboat&password=lifeboat");
    }

    private static void sql(String sql) throws Exception {
        sql(DATABASE, sql);
    }

    private static void sql(String database, String sql) throws Exception {
        try (Connection c = open(database); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private final java.util.List<String> added = new java.util.ArrayList<>();

    private void addDatasource(String name, String database) throws Exception {
        JbossCli.run("/subsystem=datasources/data-source=" + name + ":add(jndi-name=java:jboss/datasources/" + name
                + ", driver-name=postgresql, connection-url=\"jdbc:postgresql://127.0.0.1:5432/" + database
                + "?binaryTransfer=false\", user-name=lifeboat, password=lifeboat, jta=false, min-pool-size=0,"
                + " max-pool-size=8)");
        added.add(name);
    }

    private static long scalar(String sql) throws Exception {
        try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @BeforeEach
    void addSource() throws Exception {
        admin = LifeboatClient.admin(URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "")
                + "/lifeboat/"));
        sql("DROP SCHEMA IF EXISTS lab CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        try (InputStream in = FidelityIT.class.getResourceAsStream("/fidelity/schema.sql")) {
            sql(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        sql("ANALYZE");
        addDatasource("FidelityDS", DATABASE);
        Files.writeString(profile(), PROFILE);
        sql(COPY, "DROP SCHEMA IF EXISTS lab CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        addDatasource("FidelityCopyDS", COPY);
        Files.writeString(copyProfile(), PROFILE.replace("source: fidelity", "source: fidelitycopy")
                .replace("FidelityDS", "FidelityCopyDS"));
    }

    @AfterEach
    void removeSource() throws Exception {
        Files.deleteIfExists(profile());
        Files.deleteIfExists(copyProfile());
        for (String datasource : added) {
            JbossCli.run("/subsystem=datasources/data-source=" + datasource + ":remove");
        }
        added.clear();
    }

    private long backup() throws Exception {
        JsonNode job = admin.awaitJob(admin.startBackup("fidelity", "database"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        return job.at("/result/backupId").asLong();
    }

    private JsonNode restore(long id, String mode) throws Exception {
        LifeboatClient.Reply r = admin.post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"" + mode + "\"}");
        assertEquals(202, r.status(), r.body());
        JsonNode job = admin.awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(4));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        return job;
    }

    private static Map<String, JsonNode> byTable(JsonNode tables) {
        Map<String, JsonNode> found = new TreeMap<>();
        tables.forEach(t -> found.put(t.get("table").asText(), t));
        return found;
    }

    /** Rows changed, deleted and added, sequences drawn from: triggers and the rule fire as they would in use. */
    private static void wreck() throws Exception {
        sql("""
                UPDATE public.customer SET name = name || ' (moved)' WHERE id % 10 = 0;
                UPDATE public.rental SET returned = true WHERE id % 5 = 1;
                UPDATE public.payment SET amount = amount + 1 WHERE id % 9 = 0;
                DELETE FROM public.payment WHERE id % 11 = 0;
                DELETE FROM public.region_sales WHERE day > date '2026-01-20';
                UPDATE public.region_sales SET total = 0 WHERE region = 'east';
                DELETE FROM public."Order Lines" WHERE "Line" = 3;
                UPDATE public.readings SET value = -1 WHERE sensor = 's1';
                DELETE FROM public.log_lines WHERE line = 'line 3';
                UPDATE lab.customer SET code = code || 'x' WHERE id % 7 = 0;
                UPDATE lab.vehicle SET note = 'repainted' WHERE id % 4 = 0;
                DELETE FROM lab.car WHERE id % 5 = 0;
                DELETE FROM ONLY lab.vehicle WHERE id = 3;
                INSERT INTO lab.truck (id, wheels, load_kg) VALUES (299, 8, 1);
                DELETE FROM lab.sighting WHERE seen < date '2026-01-10';
                INSERT INTO public.payment (paid_on, customer_id, rental_id, amount)
                  SELECT date '2026-06-01', customer_id, id, 1 FROM public.rental WHERE id <= 30;
                INSERT INTO public.store (city, region) VALUES ('new town', 'north');
                SELECT nextval('public.orphan_counter'), nextval('public.shared_ids');
                """);
    }

    @Test
    void replace_and_merge_give_back_exactly_the_backup_and_the_dry_run_counts_what_the_restore_does()
            throws Exception {
        long id = backup();
        String backedUp = DatabaseState.dataDump(DATABASE);
        Map<String, String> backedUpHashes = hashes("");
        long historyAtBackup = scalar("SELECT max(id) FROM public.history");
        String backedUpHistory = backedUpHashes.get("public.history");
        Map<String, Long> sequences = sequences();

        wreck();
        assertTrue(!backedUp.equals(DatabaseState.dataDump(DATABASE)), "the wreck changed something");
        LifeboatClient.Reply dry = admin.post("api/restores", "{\"backupId\":" + id
                + ",\"mode\":\"replace\",\"dryRun\":true}");
        assertEquals(200, dry.status(), dry.body());
        assertTrue(dry.json().get("ok").asBoolean(), dry.body());
        JsonNode replaced = restore(id, "replace");
        DatabaseState.assertSameData(backedUp, DatabaseState.dataDump(DATABASE));
        Map<String, JsonNode> planned = byTable(dry.json().get("tables"));
        Map<String, JsonNode> done = byTable(replaced.at("/result/tables"));
        assertEquals(planned.keySet(), done.keySet());
        for (String table : done.keySet()) {
            for (String count : new String[] {"inserted", "updated", "deleted"}) {
                assertEquals(done.get(table).get(count).asLong(), planned.get(table).get(count).asLong(),
                        table + " " + count + ": the dry run said " + planned.get(table) + ", the restore did "
                                + done.get(table));
            }
        }
        assertTrue(done.get("public.payment").get("updated").asLong() > 0
                && done.get("public.payment").get("inserted").asLong() > 0, "the partitioned table was upserted: "
                + done.get("public.payment"));
        assertTrue(replaced.at("/result/notes").toString().contains("triggers and"), replaced.toString());

        // merge: rows changed and deleted come back with the package's values; the sequences never go back
        sql("""
                UPDATE public.customer SET name = name || ' (again)' WHERE id % 10 = 1;
                UPDATE public.rental SET during = tstzrange(lower(during), upper(during) + interval '1 hour') WHERE id % 6 = 2;
                DELETE FROM public.payment WHERE id % 13 = 0;
                UPDATE public.payment SET amount = 0 WHERE id % 17 = 0;
                DELETE FROM public.region_sales WHERE region = 'north';
                """);
        restore(id, "merge");
        // the wreck's own history rows (its triggers and rule wrote them) stay, as merge keeps rows the package
        // does not hold; every other table is exactly the backup's again
        Map<String, String> merged = hashes("");
        Map<String, String> expected = new TreeMap<>(backedUpHashes);
        expected.remove("public.history");
        merged.remove("public.history");
        assertEquals(expected, merged);
        assertEquals(backedUpHistory, hashes(" WHERE id <= " + historyAtBackup).get("public.history"),
                "every history row of the backup, as it was");
        for (String sequence : new String[] {"public.shared_ids", "public.orphan_counter", "public.payment_ids"}) {
            assertTrue(scalar("SELECT last_value FROM " + sequence) >= sequences.get(sequence),
                    sequence + " never goes back in a merge");
        }
    }

    @Test
    void large_objects_are_refused_at_once_naming_the_column() throws Exception {
        sql("CREATE TABLE lab.scan (id int PRIMARY KEY, image oid);"
                + "INSERT INTO lab.scan VALUES (1, lo_from_bytea(0, '\\x00ff'::bytea))");
        int packages = admin.get("api/backups").json().size();
        try {
            JsonNode job = admin.awaitJob(admin.startBackup("fidelity", "database"), Duration.ofMinutes(3));
            assertEquals("FAILED", job.get("status").asText(), job.toString());
            String text = job.toString();
            assertTrue(text.contains("column image of table lab.scan is of type oid"), text);
            assertEquals(packages, admin.get("api/backups").json().size(), "no package was kept");
        } finally {
            sql("SELECT lo_unlink(image) FROM lab.scan; DROP TABLE lab.scan");
        }
    }

    @Test
    void a_type_from_a_schema_the_profile_does_not_list_is_named_by_the_backup_and_by_the_new_instance_restore()
            throws Exception {
        sql("DROP SCHEMA IF EXISTS elsewhere CASCADE; CREATE SCHEMA elsewhere;"
                + "CREATE DOMAIN elsewhere.code AS text CHECK (VALUE ~ '^[A-Z]+$');"
                + "CREATE FUNCTION elsewhere.next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'ZZ' $$;"
                + "CREATE TABLE lab.coded (id int PRIMARY KEY, c elsewhere.code, d text DEFAULT elsewhere.next_code());"
                + "INSERT INTO lab.coded VALUES (1, 'AB')");
        try {
            long id = backup();
            byte[] file = admin.download("api/backups/" + id + "/download").body();
            JsonNode manifest = LifeboatClient.JSON.readTree(UploadIT.entries(file).get("manifest.json"));
            String gaps = manifest.at("/schema/newInstanceGaps").toString();
            assertTrue(gaps.contains("column c of table lab.coded is of type elsewhere.code from schema elsewhere")
                    && gaps.contains("table lab.coded uses function elsewhere.next_code from schema elsewhere"),
                    manifest.get("schema").toString());
            LifeboatClient.Reply dry = admin.post("api/restores", "{\"backupId\":" + id + ",\"source\":"
                    + "\"fidelitycopy\",\"mode\":\"replace\",\"allowOtherSource\":true,\"dryRun\":true}");
            assertEquals(200, dry.status(), dry.body());
            assertTrue(!dry.json().get("ok").asBoolean() && dry.json().get("problems").toString()
                    .contains("the backup said: column c of table lab.coded"), dry.body());
        } finally {
            sql("DROP TABLE IF EXISTS lab.coded; DROP SCHEMA IF EXISTS elsewhere CASCADE");
        }
    }

    @Test
    void an_invalid_profile_makes_only_its_own_source_unavailable() throws Exception {
        Path broken = profile().resolveSibling("broken.yaml");
        Path ghost = profile().resolveSibling("ghost.yaml");
        Files.writeString(broken, "source: broken\ndatasource: java:jboss/datasources/BrokenDS\nschemaz: [public]\n");
        try {
            LifeboatClient.Reply sources = admin.get("api/sources");
            assertEquals(200, sources.status(), sources.body());
            Map<String, JsonNode> byName = new TreeMap<>();
            sources.json().forEach(s -> byName.put(s.get("name").asText(), s));
            assertTrue(byName.keySet().containsAll(java.util.List.of("edms", "hms", "fidelity", "broken")),
                    byName.keySet().toString());
            assertTrue(byName.get("hms").get("error").isNull(), byName.get("hms").toString());
            String error = byName.get("broken").get("error").asText();
            assertTrue(error.contains("broken.yaml:3") && error.contains("schemaz"), error);
            LifeboatClient.Reply refused = admin.post("api/backups", "{\"source\":\"broken\",\"scope\":\"full\"}");
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.json().get("detail").asText().contains("broken.yaml:3"), refused.body());
            JsonNode job = admin.awaitJob(admin.startBackup("hms", "subsystem:CT1"), Duration.ofMinutes(2));
            assertEquals("COMPLETED", job.get("status").asText(), "every other source still backs up: " + job);

            // a profile naming a table its database does not have: reported in the same way, with its line
            Files.writeString(ghost, PROFILE.replace("source: fidelity", "source: ghost")
                    .replace("sharedTables: []", "sharedTables: [no_such_table]"));
            JsonNode listed = null;
            for (JsonNode source : admin.get("api/sources").json()) {
                if (source.get("name").asText().equals("ghost")) {
                    listed = source;
                }
            }
            assertTrue(listed != null && listed.get("error").asText().contains("ghost.yaml:7")
                    && listed.get("error").asText().contains("table 'no_such_table' does not exist"), String.valueOf(listed));
            long errorsBefore = ServerLog.count(" ERROR ");
            LifeboatClient.Reply ghostBackup = admin.post("api/backups", "{\"source\":\"ghost\",\"scope\":\"full\"}");
            assertEquals(errorsBefore, ServerLog.count(" ERROR "), "a profile error is not an ERROR stack trace");
            assertEquals(503, ghostBackup.status(), ghostBackup.body());
            assertTrue(ghostBackup.json().get("detail").asText().contains("no_such_table"), ghostBackup.body());
        } finally {
            Files.deleteIfExists(broken);
            Files.deleteIfExists(ghost);
        }
    }

    /** Table (schema.name) → row count and md5 of its rows' text; {@code where} filters public.history only. */
    private static Map<String, String> hashes(String where) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Connection c = open(); Statement st = c.createStatement();
             ResultSet tables = st.executeQuery("SELECT format('%I.%I', n.nspname, c.relname), n.nspname || '.' "
                     + "|| c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN"
                     + " ('r', 'p') AND NOT c.relispartition AND n.nspname IN ('public', 'lab')")) {
            while (tables.next()) {
                hashes.put(tables.getString(2), tables.getString(1));
            }
        }
        for (Map.Entry<String, String> t : hashes.entrySet()) {
            try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM "
                            + t.getValue() + " t" + (t.getKey().equals("public.history") ? where : ""))) {
                rs.next();
                t.setValue(rs.getString(1));
            }
        }
        return hashes;
    }

    private static Map<String, Long> sequences() throws Exception {
        Map<String, Long> values = new TreeMap<>();
        for (String sequence : new String[] {"public.shared_ids", "public.orphan_counter", "public.payment_ids"}) {
            values.put(sequence, scalar("SELECT last_value FROM " + sequence));
        }
        return values;
    }

    /** pg_dump --schema-only of the whole database, without comments and psql commands. */
    private static String schemaDump(String database) throws Exception {
        Process p = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "-h", "127.0.0.1", "-U", "lifeboat",
                "-d", database).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "pg_dump --schema-only of " + database);
        return String.join("\n", out.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\")).toList());
    }

    @Test
    void a_backup_admin_restores_into_an_empty_database_of_another_source_and_gets_the_same_schema_rows_and_sequences()
            throws Exception {
        long id = backup();
        String request = "{\"backupId\":" + id + ",\"source\":\"fidelitycopy\",\"mode\":\"replace\"";
        LifeboatClient.Reply wrong = admin.post("api/restores", request + "}");
        assertEquals(400, wrong.status(), wrong.body());
        assertTrue(wrong.json().get("detail").asText().contains("\"allowOtherSource\": true"), wrong.body());
        LifeboatClient operator = new LifeboatClient(URI.create(base.toString().replaceAll("/+$", "")
                .replaceAll("/lifeboat$", "") + "/lifeboat/"), "operator", "operator-demo");
        LifeboatClient.Reply refused = operator.post("api/restores", request.replace("replace", "merge")
                + ",\"allowOtherSource\":true}");
        assertEquals(403, refused.status(), refused.body());

        LifeboatClient.Reply dry = admin.post("api/restores", request + ",\"allowOtherSource\":true,\"dryRun\":true}");
        assertEquals(200, dry.status(), dry.body());
        assertTrue(dry.json().get("ok").asBoolean(), "the dry run into the empty database finds no problem: " + dry.body());
        LifeboatClient.Reply started = admin.post("api/restores", request + ",\"allowOtherSource\":true}");
        assertEquals(202, started.status(), started.body());
        JsonNode job = admin.awaitJob(started.json().get("executionId").asLong(), Duration.ofMinutes(4));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        String notes = job.at("/result/notes").toString();
        assertTrue(notes.contains("schema was created from the package"), notes);
        assertTrue(notes.contains("refreshed 2 materialized views"), notes);

        DatabaseState.assertSameData(DatabaseState.dataDump(DATABASE), DatabaseState.dataDump(COPY));
        assertEquals(schemaDump(DATABASE), schemaDump(COPY));
        try (Connection c = open(COPY); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(matviewname || '=' || ispopulated, ',' ORDER BY "
                     + "matviewname) FROM pg_matviews")) {
            rs.next();
            assertEquals("big_spenders=true,customer_totals=true,never_filled=false", rs.getString(1));
        }
        JsonNode audit = admin.get("api/audit?action=RESTORE&user=admin").json();
        assertTrue(audit.findValues("details").stream().anyMatch(d -> d.asText().contains("into source fidelitycopy "
                + "from a package of source fidelity")), audit.toString());
        // the application goes on: every sequence hands out a value nobody has
        sql(COPY, "INSERT INTO public.customer (email, name) VALUES ('after@example.org', 'after');"
                + "INSERT INTO public.store (city, region) VALUES ('after', 'north');"
                + "INSERT INTO public.payment (paid_on, customer_id, rental_id, amount) SELECT date '2025-05-05', "
                + "customer_id, id, 5 FROM public.rental ORDER BY id LIMIT 1;"
                + "INSERT INTO public.notes (owner_name, body) VALUES ('lifeboat', 'after');"
                + "INSERT INTO lab.customer (code) VALUES ('after')");
    }

}
