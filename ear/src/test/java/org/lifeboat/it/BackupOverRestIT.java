package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A backup started over REST runs as a JBeret job on the real server and leaves a complete package. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupOverRestIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI lifeboat() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    @Test
    void a_database_backup_of_edms_completes_and_its_package_holds_every_row() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        long executionId = api.startBackup("edms", "database");
        JsonNode job = api.awaitJob(executionId, Duration.ofMinutes(3));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        assertEquals(6, job.get("steps").size(), "snapshot, export-tables, export-files, seal-package, copy-offsite, apply-retention: "
                + job);
        for (JsonNode table : job.get("tables")) {
            assertEquals(table.get("total").asLong(), table.get("done").asLong(), "progress of " + table);
        }
        Path file = Path.of(job.at("/result/file").asText());
        assertTrue(Files.isRegularFile(file), "package file " + file);
        assertTrue(file.getFileName().toString().matches("edms-database-\\d{8}T\\d{6}Z-\\d+\\.lifeboat\\.tar"),
                file.toString());

        try (TarFile tar = new TarFile(file); Connection db = SourceDatabase.open("edms")) {
            assertEquals("manifest.json", tar.getEntries().get(0).getName(), "the manifest comes first");
            JsonNode manifest = LifeboatClient.JSON.readTree(tar.getInputStream(tar.getEntries().get(0)));
            assertEquals(1, manifest.get("formatVersion").asInt());
            assertEquals("edms", manifest.get("source").asText());
            assertTrue(manifest.at("/schema/included").asBoolean(), "pg_dump schema: " + manifest.get("schema"));
            Set<String> tables = new HashSet<>();
            for (JsonNode table : manifest.get("tables")) {
                String name = table.get("schema").asText() + "." + table.get("name").asText();
                tables.add(table.get("name").asText());
                long live = SourceDatabase.count(db, name);
                assertEquals(live, table.get("rows").asLong(), "manifest rows of " + name);
                assertEquals(live, job.at("/result/counts").get(name).asLong(), "job result count of " + name);
                TarArchiveEntry entry = entry(tar, table.get("entry").asText());
                assertEquals(live, lines(tar, entry), "lines in " + entry.getName());
                assertEquals(table.get("sha256").asText(), sha256(tar, entry), "checksum of " + entry.getName());
            }
            assertTrue(tables.containsAll(Set.of("users_user", "users_role", "users_userrole", "documents_document",
                    "audit_audittrail")), tables.toString());
            assertTrue(manifest.get("sequences").size() > 0, "sequence values are recorded");
            for (JsonNode e : manifest.get("entries")) {
                assertEquals(e.get("sha256").asText(), sha256(tar, entry(tar, e.get("name").asText())), e.toString());
            }
        }
        var download = api.download("api/backups/" + job.at("/result/backupId").asLong() + "/download");
        assertEquals(200, download.statusCode());
        assertEquals("attachment; filename=\"" + file.getFileName() + "\"",
                download.headers().firstValue("Content-Disposition").orElse(null));
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(file), download.body()), "the whole package, byte for byte");
        JsonNode listed = api.get("api/backups?source=edms").json();
        assertTrue(listed.size() >= 1);
        assertEquals(job.at("/result/backupId").asLong(), listed.get(0).get("id").asLong());
        assertFalse(Files.list(file.getParent()).anyMatch(p -> p.toString().endsWith(".partial")),
                "no temporary file is left beside the package");
    }

    @Test
    void without_credentials_the_api_answers_401() throws Exception {
        LifeboatClient anonymous = new LifeboatClient(lifeboat(), null, null);
        LifeboatClient.Reply sources = anonymous.get("api/sources");
        assertEquals(401, sources.status());
        assertEquals("authentication required", sources.json().get("error").asText(), sources.body());
        assertEquals(401, anonymous.post("api/backups", "{\"source\":\"edms\"}").status());
        assertEquals(401, new LifeboatClient(lifeboat(), "admin", "wrong").get("api/jobs").status());
    }

    @Test
    void an_auditor_may_look_but_not_start_a_backup() throws Exception {
        LifeboatClient auditor = new LifeboatClient(lifeboat(), "auditor", "auditor-demo");
        assertEquals(200, auditor.get("api/jobs").status());
        assertEquals(403, auditor.post("api/backups", "{\"source\":\"edms\",\"scope\":\"database\"}").status());
    }

    @Test
    void bad_requests_are_refused_with_a_json_reason_and_start_nothing() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        int before = api.get("api/jobs").json().size();
        LifeboatClient.Reply scope = api.post("api/backups", "{\"source\":\"edms\",\"scope\":\"everything\"}");
        assertEquals(400, scope.status());
        assertTrue(scope.json().get("detail").asText().contains("use full, database"), scope.body());
        LifeboatClient.Reply source = api.post("api/backups", "{\"source\":\"nope\",\"scope\":\"database\"}");
        assertEquals(400, source.status());
        assertTrue(source.json().get("detail").asText().contains("known sources: edms, hms"), source.body());
        LifeboatClient.Reply table = api.post("api/backups", "{\"source\":\"hms\",\"scope\":\"tables:patients,ghosts\"}");
        assertEquals(400, table.status());
        assertTrue(table.json().get("detail").asText().contains("'ghosts'"), table.body());
        LifeboatClient.Reply department = api.post("api/backups", "{\"source\":\"hms\",\"scope\":\"department:XX\"}");
        assertEquals(400, department.status());
        assertTrue(department.json().get("detail").asText().contains("known: HR, CT, LOG, FIN"), department.body());
        assertEquals(before, api.get("api/jobs").json().size(), "no job was started");
    }

    @Test
    void sources_list_tables_departments_and_subsystems() throws Exception {
        JsonNode sources = LifeboatClient.admin(lifeboat()).get("api/sources").json();
        assertEquals(2, sources.size(), sources.toString());
        JsonNode hms = sources.get(1);
        assertEquals("hms", hms.get("name").asText());
        assertEquals(4, hms.get("departments").size());
        JsonNode hr1 = hms.at("/departments/0/subsystems/0");
        assertEquals("HR1", hr1.get("id").asText());
        assertEquals("[\"applicants\",\"vacancies\",\"interviews\",\"onboarding\"]", hr1.get("tables").toString());
        assertTrue(hms.get("tables").toString().contains("\"po_items\""));
        assertNotNull(sources.get(0).get("tables"));
    }

    @Test
    void a_subsystem_backup_holds_only_its_tables() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        JsonNode job = api.awaitJob(api.startBackup("hms", "subsystem:LOG2"), Duration.ofMinutes(2));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        assertEquals(Set.of("public.fleet_vehicles", "public.drivers", "public.fleet_dispatch", "public.fleet_costs",
                        "public.suppliers", "public.purchase_orders", "public.po_items", "public.log_documents"),
                iterable(job.at("/result/counts").fieldNames()));
    }

    private static Set<String> iterable(java.util.Iterator<String> names) {
        Set<String> set = new HashSet<>();
        names.forEachRemaining(set::add);
        return set;
    }

    private static TarArchiveEntry entry(TarFile tar, String name) {
        return tar.getEntries().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name));
    }

    private static long lines(TarFile tar, TarArchiveEntry entry) throws Exception {
        long lines = 0;
        try (InputStream in = new ZstdInputStream(tar.getInputStream(entry))) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static String sha256(TarFile tar, TarArchiveEntry entry) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = tar.getInputStream(entry)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
