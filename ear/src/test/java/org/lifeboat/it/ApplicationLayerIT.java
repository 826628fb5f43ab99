package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the one application layer promises: an export answers 202 and its file is fetched when ready (no request
 * thread held for the job), every action is audited once by the service that decides it (the end of a backup
 * too), and user errors are typed 4xx answers that leave no ERROR line in server.log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationLayerIT {

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

    @Test
    void an_export_answers_202_at_once_and_its_file_is_fetched_when_the_job_is_done() throws Exception {
        LifeboatClient hr = as("hr-admin", "hr-admin-demo");
        LifeboatClient.Reply started = hr.post("api/exports/hms/subsystem/HR1", "");
        assertEquals(202, started.status(), started.body());
        long executionId = started.json().get("executionId").asLong();
        assertEquals("/lifeboat/api/jobs/" + executionId, started.header("Location"));
        String download = started.json().get("download").asText();
        assertEquals("/lifeboat/api/exports/" + executionId, download);

        JsonNode job = hr.awaitJob(executionId, Duration.ofMinutes(2));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        HttpResponse<byte[]> file = hr.download("api/exports/" + executionId);
        assertEquals(200, file.statusCode(), new String(file.body()));
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("").contains("hms-HR1-"),
                file.headers().toString());
        assertTrue(file.body().length > 1024, "a package, not an error: " + file.body().length + " bytes");
        long packageId = job.at("/result/backupId").asLong();
        assertEquals(admin().get("api/backups/" + packageId).json().get("sizeBytes").asLong(), file.body().length,
                "the file is the catalogued package");

        // a caller who may not export HR1 (the auditor) cannot fetch it: the same 404 as an unknown execution
        HttpResponse<byte[]> foreign = as("auditor", "auditor-demo").download("api/exports/" + executionId);
        assertEquals(404, foreign.statusCode(), new String(foreign.body()));
        assertEquals(404, hr.download("api/exports/99999999").statusCode());
        HttpResponse<byte[]> notNumber = hr.download("api/exports/abc");
        assertEquals(400, notNumber.statusCode(), new String(notNumber.body()));

        // the start and the download are audited once each, as EXPORT
        JsonNode audit = admin().get("api/audit?action=EXPORT&limit=50").json();
        List<String> forThisJob = new ArrayList<>();
        audit.forEach(e -> {
            if (e.get("jobExecutionId").asLong() == executionId) {
                forThisJob.add(e.get("status").asText() + ": " + e.get("details").asText());
            }
        });
        assertEquals(List.of("SUCCESS: package " + packageId + " streamed", "SUCCESS: export job started"), forThisJob);
    }

    @Test
    void a_running_export_is_answered_202_with_retry_after_and_an_operator_may_not_export() throws Exception {
        LifeboatClient operator = as("operator", "operator-demo");
        LifeboatClient.Reply refused = operator.post("api/exports/hms/department/HR", "");
        assertEquals(403, refused.status(), refused.body());

        LifeboatClient admin = admin();
        LifeboatClient.Reply started = admin.post("api/exports/hms/department/HR", "");
        assertEquals(202, started.status(), started.body());
        long executionId = started.json().get("executionId").asLong();
        HttpResponse<byte[]> early = admin.download("api/exports/" + executionId);
        if (early.statusCode() == 202) { // the job may already be done on a fast machine
            assertEquals("2", early.headers().firstValue("Retry-After").orElse(null));
        } else {
            assertEquals(200, early.statusCode(), new String(early.body()));
        }
        admin.awaitJob(executionId, Duration.ofMinutes(2));
        assertEquals(200, admin.download("api/exports/" + executionId).statusCode());
    }

    @Test
    void the_end_of_every_backup_is_audited_with_its_package_and_a_failed_one_with_its_error() throws Exception {
        LifeboatClient admin = admin();
        long executionId = admin.startBackup("hms", "subsystem:CT1");
        JsonNode job = admin.awaitJob(executionId, Duration.ofMinutes(2));
        long packageId = job.at("/result/backupId").asLong();
        List<String> entries = new ArrayList<>();
        admin.get("api/audit?action=BACKUP&limit=50").json().forEach(e -> {
            if (e.get("jobExecutionId").asLong() == executionId) {
                entries.add(e.get("status").asText() + ": " + e.get("details").asText());
            }
        });
        assertEquals(2, entries.size(), entries.toString());
        assertTrue(entries.get(0).startsWith("SUCCESS: backup ended: package " + packageId + ", "), entries.toString());
        assertEquals("SUCCESS: backup job started", entries.get(1));
    }

    @Test
    void a_dry_run_too_large_for_a_request_runs_as_a_job_whose_result_is_the_report() throws Exception {
        LifeboatClient admin = admin();
        long packageId = admin.awaitJob(admin.startBackup("hms", "subsystem:HR1"), Duration.ofMinutes(2))
                .at("/result/backupId").asLong();
        LifeboatClient operator = as("operator", "operator-demo");
        LifeboatClient.Reply started = operator.post("api/restores", "{\"backupId\":" + packageId
                + ",\"mode\":\"merge\",\"dryRun\":true,\"dryRunJob\":true}");
        assertEquals(202, started.status(), started.body());
        long executionId = started.json().get("executionId").asLong();
        assertEquals("/lifeboat/api/jobs/" + executionId, started.header("Location"));
        JsonNode job = operator.awaitJob(executionId, Duration.ofMinutes(2));
        assertEquals("dry-run", job.get("jobName").asText());
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        assertTrue(job.at("/result/ok").asBoolean(), job.toString());
        assertEquals(4, job.at("/result/tables").size(), "the report of every table of HR1: " + job);
        // the same request answered in the request gives the same report
        JsonNode inline = operator.post("api/restores", "{\"backupId\":" + packageId
                + ",\"mode\":\"merge\",\"dryRun\":true}").json();
        assertEquals(inline.get("tables"), job.at("/result/tables"));
        // a dry run holds no lease: a backup may start while one is listed, and the operator may not rehearse replace
        LifeboatClient.Reply replace = operator.post("api/restores", "{\"backupId\":" + packageId
                + ",\"mode\":\"replace\",\"dryRun\":true,\"dryRunJob\":true}");
        assertEquals(403, replace.status(), replace.body());
    }

    @Test
    void a_grandfather_father_son_policy_is_kept_shown_and_audited() throws Exception {
        LifeboatClient admin = admin();
        JsonNode before = admin.get("api/retention/hms").json();
        try {
            LifeboatClient.Reply set = admin.put("api/retention/hms",
                    "{\"keepDaily\": 7, \"keepWeekly\": 4, \"keepMonthly\": 12}");
            assertEquals(200, set.status(), set.body());
            JsonNode policy = admin.get("api/retention/hms").json();
            assertEquals(List.of(7, 4, 12), List.of(policy.get("keepDaily").asInt(), policy.get("keepWeekly").asInt(),
                    policy.get("keepMonthly").asInt()), policy.toString());
            assertTrue(policy.get("keepDays").isNull() && policy.get("keepCount").isNull(), policy.toString());
            JsonNode audit = admin.get("api/audit?action=RETENTION_POLICY&limit=1").json();
            assertTrue(audit.get(0).get("details").asText().endsWith("and the newest of 7 daily, 4 weekly, 12 monthly"),
                    audit.toString());
            LifeboatClient.Reply zero = admin.put("api/retention/hms", "{\"keepWeekly\": 0}");
            assertEquals(400, zero.status(), zero.body());
            assertTrue(zero.json().get("detail").asText().contains("keepWeekly"), zero.body());
        } finally {
            admin.put("api/retention/hms", "{\"keepDays\":" + before.path("keepDays") + ",\"keepCount\":"
                    + before.path("keepCount") + "}");
        }
    }

    @Test
    void user_errors_are_typed_4xx_answers_and_leave_no_error_line_in_the_server_log() throws Exception {
        LifeboatClient admin = admin();
        long errorsBefore = ServerLog.count(" ERROR ");
        record Case(String method, String path, String body, int status, String error) {}
        List<Case> cases = List.of(
                new Case("POST", "api/schedules", "{\"source\":\"hms\",\"scope\":\"full\",\"expression\":\"someday\"}",
                        400, "bad schedule expression"),
                new Case("POST", "api/schedules", "{\"source\":\"hms\",\"scope\":\"tables:no_such_table\","
                        + "\"expression\":\"daily 02:00\"}", 400, "invalid scope"),
                new Case("POST", "api/backups", "{\"source\":\"hms\",\"scope\":\"tables:no_such_table\"}", 400,
                        "invalid scope"),
                new Case("DELETE", "api/schedules/99999999", null, 404, "no such schedule"),
                new Case("POST", "api/schedules/x1/disable", "", 400, "bad schedule id"),
                new Case("PUT", "api/retention/hms", "{\"keepDays\":0}", 400, "bad retention"),
                new Case("POST", "api/restores", "{\"backupId\":99999999}", 400, "no such backup"),
                new Case("POST", "api/restores", "{\"backupId\":1,\"mode\":\"sideways\"}", 400, "unknown mode"),
                new Case("POST", "api/backups", "{\"source\":\"nosuch\"}", 400, "unknown source"),
                new Case("GET", "api/exports/nosuch/subsystem/HR1", null, 404, "unknown source"),
                new Case("POST", "api/exports/hms/subsystem/NOPE", "", 404, "no such subsystem"));
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            var request = admin.request(c.path());
            if (c.body() != null) {
                request.header("Content-Type", "application/json");
                request.method(c.method(), java.net.http.HttpRequest.BodyPublishers.ofString(c.body()));
            } else {
                request.method(c.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
            }
            LifeboatClient.Reply r = admin.send(request);
            String error = r.status() >= 400 && r.body().startsWith("{") ? r.json().path("error").asText() : r.body();
            if (r.status() != c.status() || !c.error().equals(error)) {
                wrong.add(c.method() + " " + c.path() + " " + c.body() + " -> " + r.status() + " " + r.body());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(errorsBefore, ServerLog.count(" ERROR "), "a user error left an ERROR line in server.log");
    }
}
