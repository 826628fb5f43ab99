package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stop, restart and abandon need the right to start that job, are audited once each with who asked, and a
 * restart runs as whoever restarts; lists and views show a department admin only its own department's jobs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JobControlSecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void createTable() throws Exception {
        // large enough that a restore of it is still staging rows when the stop arrives
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
            st.execute("""
                    DROP TABLE IF EXISTS it_job_control;
                    CREATE TABLE it_job_control (id bigint PRIMARY KEY, note text NOT NULL);
                    INSERT INTO it_job_control SELECT g, 'row ' || g || repeat('.', g % 50)
                      FROM generate_series(1, 400000) g;
                    ANALYZE it_job_control;
                    """);
        }
    }

    @AfterAll
    static void dropTable() throws Exception {
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS it_job_control");
        }
    }

    private LifeboatClient as(String user) {
        return new LifeboatClient(URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "")
                + "/lifeboat/"), user, user.equals("hr-admin") ? "hr-admin-demo" : user + "-demo");
    }

    /** Audit entries of one action on one execution by one user. */
    private List<JsonNode> audited(String action, String user, long executionId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : as("admin").get("api/audit?action=" + action + "&user=" + user).json()) {
            if (e.path("jobExecutionId").asLong() == executionId) {
                found.add(e);
            }
        }
        return found;
    }

    private static void assertRefused(int status, LifeboatClient.Reply reply, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.body());
        assertTrue(reply.json().hasNonNull("error") && reply.json().get("detail").asText().length() > 10,
                what + " answers the JSON error: " + reply.body());
    }

    @Test
    void only_whoever_may_start_a_replace_restore_may_stop_restart_or_abandon_it_and_each_try_is_audited()
            throws Exception {
        LifeboatClient admin = as("admin");
        LifeboatClient operator = as("operator");
        LifeboatClient auditor = as("auditor");
        LifeboatClient hr = as("hr-admin");
        JsonNode backup = admin.awaitJob(admin.startBackup("hms", "tables:it_job_control"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", backup.get("status").asText(), backup.toString());

        LifeboatClient.Reply started = admin.post("api/restores", "{\"backupId\":"
                + backup.at("/result/backupId").asLong() + ",\"mode\":\"replace\"}");
        assertEquals(202, started.status(), started.body());
        long restore = started.json().get("executionId").asLong();
        assertEquals(202, admin.post("api/jobs/" + restore + "/stop", "").status(), "the admin may stop it");
        JsonNode stopped = admin.awaitJob(restore, Duration.ofMinutes(2));
        assertEquals("STOPPED", stopped.get("status").asText(), "stopped while staging: " + stopped);
        assertEquals("admin", stopped.get("startedBy").asText(), stopped.toString());

        assertRefused(403, auditor.post("api/jobs/" + restore + "/stop", ""), "an auditor's stop");
        assertRefused(403, operator.post("api/jobs/" + restore + "/restart", ""), "an operator's restart of a replace");
        assertRefused(403, operator.post("api/jobs/" + restore + "/abandon", ""), "an operator's abandon of a replace");
        assertRefused(403, hr.post("api/jobs/" + restore + "/restart", ""), "a department admin's restart");
        assertRefused(404, hr.get("api/jobs/" + restore), "a department admin's view of a restore");
        assertEquals("STOPPED", admin.get("api/jobs/" + restore).json().get("status").asText(), "nothing happened");

        List<JsonNode> refusedRestart = audited("RESTART", "operator", restore);
        assertEquals(1, refusedRestart.size(), "audited once: " + refusedRestart);
        assertEquals("REFUSED", refusedRestart.get(0).get("status").asText());
        assertTrue(refusedRestart.get(0).get("details").asText().contains("backup-admin"), refusedRestart.toString());
        assertEquals(1, audited("STOP", "auditor", restore).size());
        assertEquals(1, audited("ABANDON", "operator", restore).size());
        assertEquals(1, audited("RESTART", "hr-admin", restore).size());
        List<JsonNode> adminStop = audited("STOP", "admin", restore);
        assertEquals(1, adminStop.size(), adminStop.toString());
        assertEquals("SUCCESS", adminStop.get(0).get("status").asText());

        LifeboatClient.Reply restarted = admin.post("api/jobs/" + restore + "/restart", "");
        assertEquals(202, restarted.status(), restarted.body());
        long second = restarted.json().get("executionId").asLong();
        JsonNode done = admin.awaitJob(second, Duration.ofMinutes(3));
        assertEquals("COMPLETED", done.get("status").asText(), done.toString());
        assertEquals("admin", done.get("restartedBy").asText(), done.toString());
        assertEquals("admin", done.get("startedBy").asText(), done.toString());
        assertEquals("admin", done.at("/parameters/requestedBy").asText(), "the restart runs as who restarted it");
        assertEquals("SUCCESS", audited("RESTART", "admin", restore).get(0).get("status").asText());

        assertRefused(409, admin.post("api/jobs/" + second + "/abandon", ""), "abandon of a completed restore");
        List<JsonNode> abandon = audited("ABANDON", "admin", second);
        assertEquals(1, abandon.size(), abandon.toString());
        assertEquals("REFUSED", abandon.get(0).get("status").asText());
        assertEquals("COMPLETED", admin.get("api/jobs/" + second).json().get("status").asText());
    }

    @Test
    void a_department_admin_sees_and_controls_only_its_own_departments_jobs() throws Exception {
        LifeboatClient admin = as("admin");
        LifeboatClient hr = as("hr-admin");
        long ct = admin.startBackup("hms", "subsystem:CT1");
        admin.awaitJob(ct, Duration.ofMinutes(2));
        long own = hr.startBackup("hms", "subsystem:HR1");
        assertEquals("COMPLETED", hr.awaitJob(own, Duration.ofMinutes(2)).get("status").asText());

        List<Long> listed = new ArrayList<>();
        hr.get("api/jobs?limit=500").json().forEach(j -> listed.add(j.get("executionId").asLong()));
        assertTrue(listed.contains(own), "its own HR1 backup is listed: " + listed);
        assertFalse(listed.contains(ct), "the CT1 backup is not: " + listed);
        assertRefused(404, hr.get("api/jobs/" + ct), "a view of the CT job");
        assertRefused(403, hr.post("api/jobs/" + ct + "/stop", ""), "a stop of the CT job");
        assertEquals("REFUSED", audited("STOP", "hr-admin", ct).get(0).get("status").asText());
        assertEquals("hr-admin", hr.get("api/jobs/" + own).json().get("startedBy").asText());

        List<Long> all = new ArrayList<>();
        admin.get("api/jobs?limit=500").json().forEach(j -> all.add(j.get("executionId").asLong()));
        assertTrue(all.contains(own) && all.contains(ct), "an admin sees both: " + all);
    }

    @Test
    void a_job_id_or_limit_that_is_no_number_is_a_400_and_an_unknown_id_a_404() throws Exception {
        LifeboatClient admin = as("admin");
        LifeboatClient.Reply limit = admin.get("api/jobs?limit=abc");
        assertRefused(400, limit, "limit=abc");
        assertTrue(limit.json().get("detail").asText().contains("'abc'"), limit.body());
        assertRefused(400, admin.get("api/jobs/abc"), "/jobs/abc");
        assertRefused(400, admin.post("api/jobs/abc/restart", ""), "/jobs/abc/restart");
        assertRefused(404, admin.get("api/jobs/987654321"), "an unknown execution");
        assertRefused(404, admin.post("api/jobs/987654321/stop", ""), "stop of an unknown execution");
    }
}
