package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protection status (issue 16): per source one verdict with its reason, from what the catalog and the copies say;
 * REST for every role, and the dashboard's first card.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StatusIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI lifeboat() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    private static JsonNode source(JsonNode status, String name) {
        for (JsonNode s : status.get("sources")) {
            if (s.get("source").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError(name + " is not in " + status);
    }

    @Test
    void a_source_copied_offsite_within_its_objective_is_protected_one_kept_only_here_is_at_risk() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        // hms packages are copied to 'offsite' (the suite's repositories.yaml); edms packages nowhere
        JsonNode hms = api.awaitJob(api.startBackup("hms", "database"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", hms.get("status").asText(), hms.toString());
        long hmsId = hms.at("/result/backupId").asLong();
        JsonNode edms = api.awaitJob(api.startBackup("edms", "database"), Duration.ofMinutes(3));
        long edmsId = edms.at("/result/backupId").asLong();
        // a department backup made later does not count as the last good one
        api.awaitJob(api.startBackup("hms", "department:HR"), Duration.ofMinutes(3));

        JsonNode status = api.get("api/status").json();
        JsonNode h = source(status, "hms");
        assertEquals("PROTECTED", h.get("verdict").asText(), h.toString());
        assertEquals(hmsId, h.get("lastGoodBackupId").asLong(), h.toString());
        assertEquals("database", h.get("lastGoodScope").asText(), h.toString());
        assertEquals(86400, h.get("rpoSeconds").asLong(), "the default objective: a day");
        assertTrue(h.get("ageSeconds").asLong() < 600, h.toString());
        assertEquals("offsite", h.at("/offsiteCopies/0").asText(), h.toString());
        assertTrue(h.get("reason").asText().startsWith("package " + hmsId + " (database) is ")
                && h.get("reason").asText().endsWith("and copied to offsite"), h.toString());

        JsonNode e = source(status, "edms");
        assertEquals("AT_RISK", e.get("verdict").asText(), e.toString());
        assertEquals(edmsId, e.get("lastGoodBackupId").asLong(), e.toString());
        assertTrue(e.get("reason").asText().endsWith("repositories.yaml copies none of edms's packages"),
                e.toString());
        assertFalse(status.get("verdict").asText().equals("PROTECTED"), "the worst verdict leads: " + status);

        // a verify shows up as the last verification
        assertTrue(api.post("api/backups/" + hmsId + "/verify", "").json().get("ok").asBoolean());
        assertTrue(source(api.get("api/status").json(), "hms").hasNonNull("lastVerifiedAt"));
    }

    @Test
    void every_role_but_a_department_admin_reads_it_and_the_dashboard_leads_with_it() throws Exception {
        for (String role : new String[] {"operator", "auditor"}) {
            LifeboatClient.Reply r = new LifeboatClient(lifeboat(), role, role + "-demo").get("api/status");
            assertEquals(200, r.status(), role + ": " + r.body());
        }
        LifeboatClient.Reply hr = new LifeboatClient(lifeboat(), "hr-admin", "hr-admin-demo").get("api/status");
        assertEquals(403, hr.status(), hr.body());
        assertTrue(hr.json().get("detail").asText().contains("needs the backup-admin, backup-operator or auditor"),
                hr.body());
        assertEquals(401, new LifeboatClient(lifeboat(), null, null).get("api/status").status());

        ConsoleSession admin = new ConsoleSession(lifeboat());
        admin.signIn("admin", "admin-demo");
        ConsoleSession.Page dashboard = admin.get("index.xhtml");
        assertTrue(dashboard.body().contains("<h2>Protection</h2>") && dashboard.body().contains("id=\"verdict-hms\""),
                dashboard.body());
        assertTrue(dashboard.body().indexOf("<h2>Protection</h2>") < dashboard.body().indexOf("<h2>Sources</h2>"),
                "the first card");
        ConsoleSession department = new ConsoleSession(lifeboat());
        department.signIn("hr-admin", "hr-admin-demo");
        assertFalse(department.get("index.xhtml").body().contains("<h2>Protection</h2>"),
                "not shown to a role that may not read it");
    }
}
