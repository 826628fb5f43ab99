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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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

/** Schedules that fire and survive a redeploy, retention that deletes and audits, a tamper-evident audit log. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private LifeboatClient api() {
        return LifeboatClient.admin(URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "")
                + "/lifeboat/"));
    }

    private List<JsonNode> scheduledRuns(long scheduleId) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        for (JsonNode j : api().get("api/jobs?limit=100").json()) {
            if (String.valueOf(scheduleId).equals(j.at("/parameters/scheduleId").asText())) {
                runs.add(j);
            }
        }
        return runs;
    }

    private void awaitRuns(long scheduleId, int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (scheduledRuns(scheduleId).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("schedule " + scheduleId + " ran " + scheduledRuns(scheduleId).size()
                        + " times, expected " + count + " within " + timeout);
            }
            Thread.sleep(500);
        }
    }

    @Test
    void a_schedule_fires_and_still_fires_after_a_redeploy() throws Exception {
        LifeboatClient.Reply bad = api().post("api/schedules",
                "{\"source\":\"hms\",\"scope\":\"subsystem:CT1\",\"expression\":\"every now and then\"}");
        assertEquals(400, bad.status());
        assertTrue(bad.json().get("detail").asText().contains("daily 02:00"), bad.body());

        LifeboatClient.Reply created = api().post("api/schedules",
                "{\"source\":\"hms\",\"scope\":\"subsystem:CT1\",\"expression\":\"*/15 * * * * *\"}");
        assertEquals(201, created.status(), created.body());
        long id = created.json().get("id").asLong();
        try {
            assertTrue(created.json().hasNonNull("nextRun"), created.body());
            awaitRuns(id, 1, Duration.ofSeconds(40));
            assertEquals("scheduler", scheduledRuns(id).get(0).at("/parameters/requestedBy").asText());

            String redeploy = JbossCli.run("/deployment=lifeboat.ear:redeploy");
            assertTrue(redeploy.contains("success"), redeploy);
            Instant deadline = Instant.now().plusSeconds(60);
            while (api().get("api/schedules").status() != 200 && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            int before = scheduledRuns(id).size();
            awaitRuns(id, before + 1, Duration.ofSeconds(40));
            JsonNode listed = api().get("api/schedules").json();
            assertTrue(listed.toString().contains("\"id\":" + id), listed.toString());
        } finally {
            assertEquals(204, api().send("DELETE", "api/schedules/" + id).status());
        }
    }

    @Test
    void retention_keeps_the_newest_packages_of_a_scope_and_audits_each_deletion() throws Exception {
        LifeboatClient api = api();
        assertEquals(400, api.put("api/retention/edms", "{}").status(), "an empty policy is refused");
        List<Path> files = new ArrayList<>();
        try {
            assertEquals(200, api.put("api/retention/edms", "{\"keepCount\": 2}").status());
            for (int i = 0; i < 3; i++) {
                JsonNode job = api.awaitJob(api.startBackup("edms", "tables:users_role"), Duration.ofMinutes(1));
                assertEquals("COMPLETED", job.get("status").asText(), job.toString());
                files.add(Path.of(job.at("/result/file").asText()));
            }
            // retention counts per scope: packages of other scopes (other tests' edms backups) are not in this group
            List<JsonNode> left = new ArrayList<>();
            api.get("api/backups?source=edms").json().forEach(p -> {
                if (p.get("scope").asText().equals("tables:users_role")) {
                    left.add(p);
                }
            });
            assertEquals(2, left.size(), left.toString());
            assertFalse(Files.exists(files.get(0)), "the oldest package file is gone");
            assertTrue(Files.exists(files.get(1)) && Files.exists(files.get(2)));
            JsonNode audit = api.get("api/audit?action=RETENTION_DELETE").json();
            assertTrue(audit.toString().contains(files.get(0).toString()), audit.toString());
        } finally {
            api.put("api/retention/edms", "{\"keepDays\": 7}");
        }
    }

    @Test
    void editing_an_audit_row_in_sql_breaks_the_chain() throws Exception {
        api().get("api/sources"); // make sure there are entries
        api().post("api/backups", "{\"source\":\"nope\"}");
        JsonNode intact = api().get("api/audit/verify").json();
        assertTrue(intact.get("intact").asBoolean(), intact.toString());
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/lifeboat_test?user=lifeboat&password=lifeboat");
             Statement st = c.createStatement()) {
            long id;
            String details;
            try (ResultSet rs = st.executeQuery("SELECT id, details FROM lifeboat_audit ORDER BY id LIMIT 1 OFFSET 1")) {
                rs.next();
                id = rs.getLong(1);
                details = rs.getString(2);
            }
            st.executeUpdate("UPDATE lifeboat_audit SET details = 'nothing to see here' WHERE id = " + id);
            try {
                JsonNode broken = api().get("api/audit/verify").json();
                assertFalse(broken.get("intact").asBoolean(), broken.toString());
                assertEquals(id, broken.get("brokenAt").asLong());
                assertTrue(broken.get("reason").asText().contains("changed after it was written"), broken.toString());
            } finally {
                try (var ps = c.prepareStatement("UPDATE lifeboat_audit SET details = ? WHERE id = ?")) {
                    ps.setString(1, details);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            assertTrue(api().get("api/audit/verify").json().get("intact").asBoolean(), "restored row: intact again");
        }
    }

    @Test
    void cutting_off_the_newest_audit_rows_is_detected() throws Exception {
        api().post("api/backups", "{\"source\":\"nope\"}"); // a few fresh entries
        api().post("api/backups", "{\"source\":\"nope either\"}");
        assertTrue(api().get("api/audit/verify").json().get("intact").asBoolean());
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/lifeboat_test?user=lifeboat&password=lifeboat");
             Statement st = c.createStatement()) {
            long newest;
            try (ResultSet rs = st.executeQuery("SELECT max(id) FROM lifeboat_audit")) {
                rs.next();
                newest = rs.getLong(1);
            }
            // the chain of what is left still verifies row by row: only the anchor can tell
            st.execute("CREATE TEMP TABLE cut AS SELECT * FROM lifeboat_audit WHERE id > " + (newest - 2));
            st.executeUpdate("DELETE FROM lifeboat_audit WHERE id > " + (newest - 2));
            try {
                JsonNode broken = api().get("api/audit/verify").json();
                assertFalse(broken.get("intact").asBoolean(), broken.toString());
                assertTrue(broken.get("reason").asText().contains("cut off"), broken.toString());
            } finally {
                st.executeUpdate("INSERT INTO lifeboat_audit SELECT * FROM cut");
            }
            JsonNode again = api().get("api/audit/verify").json();
            assertTrue(again.get("intact").asBoolean(), "rows put back: intact again " + again);
        }
    }
}
