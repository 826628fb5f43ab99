package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile imports: an HR1 export with the CT table {@code patients} smuggled in (manifest entries and checksums
 * rewritten to match) is refused by the import endpoint before anything is kept, and by the restore job itself
 * when it is started with the import's scope some other way.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImportSecurityIT {

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

    private byte[] download(LifeboatClient client, String path) throws Exception {
        HttpResponse<byte[]> r = client.download(path);
        assertEquals(200, r.statusCode(), new String(r.body()));
        return r.body();
    }

    /**
     * An HR1 export carrying the patients table of a CT1 export taken before the patient rows were changed: an
     * import that wrote it would put the old patient rows back.
     */
    private byte[] hr1WithPatients() throws Exception {
        byte[] hr1 = download(hrAdmin(), "api/exports/hms/subsystem/HR1");
        byte[] ct1 = download(admin(), "api/exports/hms/subsystem/CT1");
        sql("UPDATE patients SET phone = 'after CT1 export' WHERE id <= 5");
        return TransferIT.withTableFrom(hr1, ct1, "patients");
    }

    @Test
    void hr_admin_importing_an_hr1_file_with_patients_smuggled_in_is_refused_and_no_patient_row_changes()
            throws Exception {
        byte[] smuggled = hr1WithPatients();
        Map<String, String> before = hashes();
        int packages = admin().get("api/backups").json().size();

        LifeboatClient.Reply r = hrAdmin().upload("api/imports/hms/subsystem/HR1", "hr1.lifeboat.tar", smuggled);

        assertEquals(400, r.status(), r.body());
        assertEquals("table outside scope", r.json().get("error").asText(), r.body());
        assertTrue(r.json().get("detail").asText().contains("table public.patients, which subsystem:HR1 does not own"),
                r.body());
        assertEquals(before, hashes(), "patients (and every other table) unchanged");
        assertEquals(packages, admin().get("api/backups").json().size(), "the refused file was not kept");
        JsonNode audit = admin().get("api/audit?user=hr-admin&action=IMPORT").json();
        assertEquals("REFUSED", audit.get(0).get("status").asText(), audit.toString());
        assertTrue(audit.get(0).toString().contains("public.patients"), "the audit names the table: " + audit);
    }

    @Test
    void the_restore_job_of_an_import_refuses_tables_outside_its_scope_however_it_was_started() throws Exception {
        byte[] smuggled = hr1WithPatients();
        // a plain upload catalogues it (it is a well-formed package); only an import scope makes it wrong
        LifeboatClient.Reply up = admin().upload("api/backups/upload", "hr1-smuggled.lifeboat.tar", smuggled);
        assertEquals(201, up.status(), up.body());
        long id = up.json().get("id").asLong();
        assertEquals("UPLOAD", admin().get("api/backups/" + id).json().get("origin").asText(),
                "a rewritten manifest no longer carries a valid signature");
        Map<String, String> before = hashes();

        String started = JbossCli.run(JbossCli.BATCH + ":start-job(job-xml-name=restore, properties={backupId=" + id
                + ", source=hms, mode=merge, skipShared=true, restoreStorage=false, importScope=\"subsystem:HR1\","
                + " requestedBy=ops})");
        Matcher execution = Pattern.compile("\"result\" => (\\d+)L").matcher(started);
        assertTrue(execution.find(), started);
        JsonNode job = admin().awaitJob(Long.parseLong(execution.group(1)), Duration.ofMinutes(3));

        assertEquals("FAILED", job.get("status").asText(), job.toString());
        assertTrue(job.get("error").asText().contains("table public.patients, which subsystem:HR1 does not own"),
                job.toString());
        assertEquals(before, hashes(), "nothing written");
    }

    @Test
    void ct1_refuses_a_file_exported_from_hr1() throws Exception {
        byte[] hr1 = download(admin(), "api/exports/hms/subsystem/HR1");
        Map<String, String> before = hashes();
        LifeboatClient.Reply r = admin().upload("api/imports/hms/subsystem/CT1", "hr1.lifeboat.tar", hr1);
        assertEquals(400, r.status(), r.body());
        assertEquals(before, hashes());
    }
}
