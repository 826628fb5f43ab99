package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Department and subsystem export and import, as the HMS plan describes them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransferIT {

    static final List<String> HR1 = List.of("applicants", "vacancies", "interviews", "onboarding");
    static final List<String> HR = List.of("applicants", "vacancies", "interviews", "onboarding", "competencies",
            "staff_competencies", "trainings", "training_participants", "attendance_logs", "leave_requests",
            "staff_schedules", "salary_grades", "compensation_records", "payroll_records");

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

    private LifeboatClient hrAdmin() {
        return as("hr-admin", "hr-admin-demo");
    }

    private static Map<String, String> hashes() throws Exception {
        try (Connection c = SourceDatabase.open("hms")) {
            return DatabaseState.tableHashes(c);
        }
    }

    private static void sql(String statements) throws Exception {
        try (Connection c = SourceDatabase.open("hms"); Statement st = c.createStatement()) {
            st.execute(statements);
        }
    }

    private byte[] export(LifeboatClient client, String path) throws Exception {
        HttpResponse<byte[]> r = client.download("api/exports/hms/" + path);
        assertEquals(200, r.statusCode(), new String(r.body()));
        String id = path.substring(path.indexOf('/') + 1);
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("")
                .matches("attachment; filename=\"hms-" + id + "-\\d{8}T\\d{4}Z\\.lifeboat\\.tar\""),
                r.headers().firstValue("Content-Disposition").orElse("none"));
        return r.body();
    }

    private JsonNode importFile(LifeboatClient client, String path, byte[] file) throws Exception {
        LifeboatClient.Reply r = client.upload("api/imports/hms/" + path, "export.lifeboat.tar", file);
        assertEquals(202, r.status(), r.body());
        return client.awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(3));
    }

    private static Map<String, String> only(Map<String, String> hashes, List<String> tables, boolean in) {
        Map<String, String> picked = new LinkedHashMap<>();
        hashes.forEach((t, h) -> {
            if (tables.contains(t) == in) {
                picked.put(t, h);
            }
        });
        return picked;
    }

    @Test
    void a_subsystem_export_wrecked_and_imported_comes_back_and_nothing_else_moves() throws Exception {
        Map<String, String> original = hashes();
        byte[] file = export(hrAdmin(), "subsystem/HR1");
        sql("DELETE FROM onboarding WHERE id % 2 = 0; DELETE FROM interviews WHERE id > 1000; "
                + "UPDATE applicants SET email = 'lost@example.com' WHERE id % 7 = 0; "
                + "UPDATE patients SET phone = 'CT1 stays' WHERE id = 1; UPDATE users SET phone = 'users stay' WHERE id = 1");
        Map<String, String> wrecked = hashes();
        JsonNode job = importFile(hrAdmin(), "subsystem/HR1", file);
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        Map<String, String> after = hashes();
        assertEquals(only(original, HR1, true), only(after, HR1, true), "HR1 tables are back");
        assertEquals(only(wrecked, HR1, false), only(after, HR1, false), "other subsystems and users untouched");
        JsonNode audit = admin().get("api/audit?user=hr-admin").json();
        assertTrue(audit.toString().contains("\"action\":\"IMPORT\"") && audit.toString().contains("\"action\":\"EXPORT\""),
                audit.toString());
    }

    @Test
    void a_department_round_trip_restores_all_its_subsystems() throws Exception {
        Map<String, String> original = hashes();
        byte[] file = export(admin(), "department/HR");
        sql("DELETE FROM attendance_logs WHERE id % 3 = 0; DELETE FROM payroll_records WHERE id > 3000; "
                + "UPDATE trainings SET title = 'gone' WHERE id < 10");
        JsonNode job = importFile(admin(), "department/HR", file);
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        assertEquals(only(original, HR, true), only(hashes(), HR, true));
    }

    @Test
    void a_file_carrying_the_shared_users_table_is_refused_and_users_stay_untouched() throws Exception {
        byte[] hr1 = export(admin(), "subsystem/HR1");
        long backupId = admin().awaitJob(admin().startBackup("hms", "tables:users"), Duration.ofMinutes(2))
                .at("/result/backupId").asLong();
        byte[] users = admin().download("api/backups/" + backupId + "/download").body();
        byte[] smuggled = withTableFrom(hr1, users, "users");
        sql("UPDATE users SET phone = 'changed after export' WHERE id <= 5");
        Map<String, String> before = hashes();
        LifeboatClient.Reply r = admin().upload("api/imports/hms/subsystem/HR1", "export.lifeboat.tar", smuggled);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("table public.users, which subsystem:HR1 does not own"),
                r.body());
        assertEquals(before, hashes(), "users (and everything else) untouched");
    }

    @Test
    void a_file_exported_from_hr1_is_refused_by_ct1_and_changes_nothing() throws Exception {
        byte[] hr1 = export(admin(), "subsystem/HR1");
        Map<String, String> before = hashes();
        LifeboatClient.Reply r = admin().upload("api/imports/hms/subsystem/CT1", "hr1.lifeboat.tar", hr1);
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("exported from subsystem:HR1 and cannot be imported into "
                + "subsystem:CT1"), r.body());
        assertEquals(before, hashes());
        assertEquals("REFUSED", admin().get("api/audit?action=IMPORT").json().get(0).get("status").asText());
    }

    @Test
    void an_oversize_import_is_refused_with_413() throws Exception {
        byte[] big = new byte[9 << 20];
        new java.util.Random(1).nextBytes(big);
        LifeboatClient.Reply r = admin().upload("api/imports/hms/subsystem/HR1", "big.tar", big);
        assertEquals(413, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("exceeds"), r.body());
    }

    @Test
    void logistics_imports_in_foreign_key_order() throws Exception {
        Map<String, String> original = hashes();
        byte[] file = export(admin(), "subsystem/LOG2");
        sql("DELETE FROM log_documents WHERE purchase_order_id IN (SELECT id FROM purchase_orders WHERE supplier_id = 1);"
                + "DELETE FROM vendor_payments WHERE vendor_invoice_id IN (SELECT id FROM vendor_invoices WHERE "
                + "purchase_order_id IN (SELECT id FROM purchase_orders WHERE supplier_id = 1));"
                + "DELETE FROM vendor_invoices WHERE purchase_order_id IN (SELECT id FROM purchase_orders WHERE supplier_id = 1);"
                + "DELETE FROM po_items WHERE purchase_order_id IN (SELECT id FROM purchase_orders WHERE supplier_id = 1);"
                + "DELETE FROM purchase_orders WHERE supplier_id = 1;"
                + "UPDATE inventory SET preferred_supplier_id = NULL WHERE preferred_supplier_id = 1;"
                + "DELETE FROM suppliers WHERE id = 1;");
        JsonNode job = importFile(admin(), "subsystem/LOG2", file);
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        List<String> log2 = List.of("suppliers", "purchase_orders", "po_items", "log_documents", "fleet_vehicles",
                "drivers", "fleet_dispatch", "fleet_costs");
        assertEquals(only(original, log2, true), only(hashes(), log2, true));
    }

    @Test
    void rows_referencing_missing_rows_outside_the_scope_fail_the_import_and_write_nothing() throws Exception {
        sql("INSERT INTO users (id, username, email, full_name, password_hash, role, department, position, hire_date)"
                + " SELECT 90001, 'it.temp', 'it.temp@example.com', 'IT Temp', password_hash, role, department, position,"
                + " hire_date FROM users LIMIT 1;"
                + "INSERT INTO leave_requests (user_id, leave_type, start_date, end_date, days, reason, status, created_at)"
                + " SELECT 90001, leave_type, start_date, end_date, days, 'it', status, created_at FROM leave_requests LIMIT 1");
        byte[] file = export(admin(), "subsystem/HR3");
        sql("DELETE FROM leave_requests WHERE user_id = 90001; DELETE FROM users WHERE id = 90001;"
                + "DELETE FROM staff_schedules WHERE id % 5 = 0");
        Map<String, String> before = hashes();
        JsonNode job = importFile(admin(), "subsystem/HR3", file);
        assertEquals("FAILED", job.get("status").asText(), job.toString());
        String error = job.get("error").asText();
        assertTrue(error.contains("leave_requests") && error.contains("(user_id)=(90001)")
                && error.contains("is not present in table \"users\""), error);
        assertEquals(before, hashes(), "nothing written");
    }

    @Test
    void only_admins_and_the_departments_own_admin_may_export_or_import() throws Exception {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("admin:admin-demo HR1", 200);
        expected.put("admin:admin-demo CT1", 200);
        expected.put("hr-admin:hr-admin-demo HR1", 200);
        expected.put("hr-admin:hr-admin-demo CT1", 403);
        expected.put("operator:operator-demo HR1", 403);
        expected.put("operator:operator-demo CT1", 403);
        expected.put("- HR1", 401);
        expected.put("- CT1", 401);
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (String key : expected.keySet()) {
            String[] parts = key.split(" ");
            LifeboatClient client = parts[0].equals("-") ? as(null, null)
                    : as(parts[0].split(":")[0], parts[0].split(":")[1]);
            actual.put(key, client.download("api/exports/hms/subsystem/" + parts[1]).statusCode());
        }
        assertEquals(expected, actual);
        assertEquals(403, hrAdmin().upload("api/imports/hms/subsystem/CT1", "x.tar", new byte[10]).status());
        assertEquals(403, hrAdmin().upload("api/imports/hms/department/CT", "x.tar", new byte[10]).status());
        JsonNode refused = admin().get("api/audit?user=hr-admin").json();
        assertEquals("REFUSED", refused.get(0).get("status").asText(), refused.toString());
    }

    /** Adds another package's table (entry and manifest records) to a package: a file that carries more. */
    static byte[] withTableFrom(byte[] target, byte[] donor, String table) throws Exception {
        Map<String, byte[]> donorEntries = entries(donor);
        ObjectNode donorManifest = (ObjectNode) LifeboatClient.JSON.readTree(donorEntries.get("manifest.json"));
        Map<String, byte[]> entries = entries(target);
        ObjectNode manifest = (ObjectNode) LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        for (JsonNode t : donorManifest.get("tables")) {
            if (t.get("name").asText().equals(table)) {
                ((ArrayNode) manifest.get("tables")).add(t);
                String entry = t.get("entry").asText();
                entries.put(entry, donorEntries.get(entry));
                ((ArrayNode) manifest.get("entries")).addObject().put("name", entry)
                        .put("sha256", t.get("sha256").asText()).put("bytes", t.get("bytes").asLong());
            }
        }
        manifest.remove("schemaFingerprint"); // optional; it would no longer match the tables
        entries.put("manifest.json", LifeboatClient.JSON.writeValueAsBytes(manifest));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(e.getKey());
                header.setSize(e.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> entries(byte[] tar) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
