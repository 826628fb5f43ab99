package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every console action tried by every kind of caller, through the pages as a browser posts them: anonymous, a wrong
 * password, auditor, operator, a department admin of another department (hr-admin, whose department is HR, on CT
 * packages), backup-admin. An action is "done" only when its effect is seen (a job started, a file sent, a package
 * gone, a message of success); a control the page does not render, a Faces validation error for a forged choice, or
 * a 403 are refusals. The RoleMatrixIT does the same for the REST API; both ask the same Permissions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleRoleMatrixIT {

    private static final String[] CALLERS = {"anonymous", "wrong-password", "auditor", "operator", "hr-admin", "admin"};
    private static final Pattern EXECUTION = Pattern.compile("execution=(\\d+)");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private LifeboatClient admin;
    private long ct;
    private long failed;

    interface Attempt {
        boolean done(ConsoleSession s) throws Exception;
    }

    /** One console action and who may take it: A=admin O=operator U=auditor H=hr-admin. */
    record Action(String name, String allowed, Attempt attempt) {}

    private URI root() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    private static void sql(String sql) throws Exception {
        try (Connection c = SourceDatabase.open("hms"); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @AfterEach
    void dropTable() throws Exception {
        sql("DROP TABLE IF EXISTS it_console_matrix");
    }

    /** Waits for the job a console redirect named, so the next action does not meet the source's lease. */
    private boolean startedJob(ConsoleSession.Page after) throws Exception {
        Matcher m = EXECUTION.matcher(after.location());
        if (after.status() != 302 || !m.find()) {
            return false;
        }
        admin.awaitJob(Long.parseLong(m.group(1)), Duration.ofMinutes(3));
        return true;
    }

    /** A merge restore that fails in its job (the live table's check refuses the package's row). */
    private long failingRestore(long packageId) throws Exception {
        LifeboatClient.Reply r = admin.post("api/restores", "{\"backupId\":" + packageId + ",\"mode\":\"merge\"}");
        assertEquals(202, r.status(), r.body());
        JsonNode job = admin.awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(3));
        assertEquals("FAILED", job.get("status").asText(), job.toString());
        return job.get("executionId").asLong();
    }

    private ConsoleSession.Page submitIn(ConsoleSession s, String path, String form, String marker, String label,
                                         Map<String, String> values) throws Exception {
        ConsoleSession.Page page = s.get(path);
        String button = page.button(form, marker, label);
        return button == null ? null : s.submit(page, form, button, values);
    }

    /** Posts the button with this label in the Packages row of package {@code id}, or null when the row has none. */
    private ConsoleSession.Page packageAction(ConsoleSession s, long id, String label) throws Exception {
        ConsoleSession.Page page = s.get("backups.xhtml");
        String button = page.buttonInRow("packages", String.valueOf(id), label);
        return button == null ? null : s.submit(page, "packages", button, Map.of());
    }

    private ConsoleSession.Page restoreForm(ConsoleSession s, String button, long id, String mode) throws Exception {
        ConsoleSession.Page page = s.get("restore.xhtml");
        if (!page.offers("restore")) {
            return null;
        }
        return s.submit(page, "restore", button, Map.of("restore:package", String.valueOf(id), "restore:mode", mode));
    }

    @Test
    void every_role_tries_every_console_action() throws Exception {
        admin = LifeboatClient.admin(root());
        ct = admin.awaitJob(admin.startBackup("hms", "subsystem:CT1"), Duration.ofMinutes(2)).at("/result/backupId")
                .asLong();
        long disposable = admin.awaitJob(admin.startBackup("hms", "subsystem:CT1"), Duration.ofMinutes(2))
                .at("/result/backupId").asLong();
        byte[] ctFile = admin.download("api/backups/" + ct + "/download").body();
        sql("DROP TABLE IF EXISTS it_console_matrix; CREATE TABLE it_console_matrix (id int PRIMARY KEY, v text); "
                + "INSERT INTO it_console_matrix VALUES (1, 'x')");
        long matrixPackage = admin.awaitJob(admin.startBackup("hms", "tables:it_console_matrix"),
                Duration.ofMinutes(2)).at("/result/backupId").asLong();
        sql("DELETE FROM it_console_matrix; ALTER TABLE it_console_matrix ADD CONSTRAINT no_x CHECK (v <> 'x')");
        failed = failingRestore(matrixPackage);
        JsonNode retentionBefore = admin.get("api/retention/hms").json();
        int refusedRestoresBefore = admin.get("api/audit?action=RESTORE&user=operator&status=REFUSED").json().size();

        List<Action> actions = List.of(
                new Action("open the audit log", "AU", s -> {
                    ConsoleSession.Page p = s.get("audit.xhtml");
                    return p.status() == 200 && p.offers("audit");
                }),
                new Action("export the audit log as CSV", "AU", s -> {
                    ConsoleSession.Page p = s.get("audit.xhtml");
                    return p.offers("audit") && s.submit(p, "audit", "audit:csv", Map.of()).contentType()
                            .startsWith("text/csv");
                }),
                new Action("back up CT1 (another department)", "AO", s -> {
                    ConsoleSession.Page p = s.get("backups.xhtml");
                    return p.offers("start") && startedJob(s.submit(p, "start", "start:go",
                            Map.of("start:source", "hms", "start:scope", "subsystem:CT1")));
                }),
                new Action("back up HR1 (hr-admin's own department)", "AOH", s -> {
                    ConsoleSession.Page p = s.get("backups.xhtml");
                    return p.offers("start") && startedJob(s.submit(p, "start", "start:go",
                            Map.of("start:source", "hms", "start:scope", "subsystem:HR1")));
                }),
                new Action("verify a CT1 package", "AOU", s -> {
                    ConsoleSession.Page p = packageAction(s, ct, "Verify");
                    return p != null && p.says("Package " + ct + " is intact");
                }),
                new Action("download a CT1 package", "AO", s -> {
                    ConsoleSession.Page p = packageAction(s, ct, "Download");
                    return p != null && p.disposition().startsWith("attachment");
                }),
                new Action("rescan the offsite repository", "A", s -> {
                    ConsoleSession.Page p = submitIn(s, "backups.xhtml", "repositories", "id=\"repository-offsite\"",
                            "Rescan", Map.of());
                    return p != null && p.says("already known");
                }),
                new Action("delete a package", "A", s -> {
                    ConsoleSession.Page p = packageAction(s, disposable, "Delete");
                    return p != null && p.says("Package " + disposable + " deleted.")
                            && admin.get("api/backups/" + disposable).status() == 404;
                }),
                new Action("upload a package", "AO", s -> {
                    ConsoleSession.Page p = s.get("restore.xhtml");
                    return p.offers("upload") && s.upload(p, "upload", "upload:send", "upload:file",
                            "ct.lifeboat.tar", ctFile).says("Package accepted as");
                }),
                new Action("dry-run a merge of a CT1 package", "AO", s -> {
                    ConsoleSession.Page p = restoreForm(s, "restore:dryrun", ct, "merge");
                    return p != null && p.says("Dry run:");
                }),
                new Action("merge-restore a CT1 package", "AO", s -> {
                    ConsoleSession.Page p = restoreForm(s, "restore:go", ct, "merge");
                    return p != null && startedJob(p);
                }),
                new Action("replace-restore a CT1 package (mode forged where not offered)", "A", s -> {
                    ConsoleSession.Page p = restoreForm(s, "restore:go", ct, "replace");
                    return p != null && startedJob(p);
                }),
                new Action("restart a failed merge restore", "AO", s -> {
                    ConsoleSession.Page p = submitIn(s, "jobs.xhtml", "jobs", "id=\"job-" + failed + "\"", "Restart",
                            Map.of());
                    if (p == null || !p.says("restarted as")) {
                        return false;
                    }
                    Matcher m = Pattern.compile("restarted as (\\d+)").matcher(p.body());
                    assertTrue(m.find(), p.body());
                    JsonNode again = admin.awaitJob(Long.parseLong(m.group(1)), Duration.ofMinutes(3));
                    assertEquals("FAILED", again.get("status").asText(), again.toString());
                    failed = again.get("executionId").asLong();
                    return true;
                }),
                new Action("abandon a failed merge restore", "AO", s -> {
                    ConsoleSession.Page p = submitIn(s, "jobs.xhtml", "jobs", "id=\"job-" + failed + "\"", "Abandon",
                            Map.of());
                    if (p == null || !p.says("abandoned")) {
                        return false;
                    }
                    assertEquals("ABANDONED", admin.get("api/jobs/" + failed).json().get("status").asText());
                    failed = failingRestore(matrixPackage); // the next caller gets a failed job of its own
                    return true;
                }),
                new Action("add a schedule", "A", s -> {
                    ConsoleSession.Page p = submitIn(s, "schedules.xhtml", "schedules", null, "Add schedule",
                            Map.of("schedules:source", "hms", "schedules:scope", "subsystem:CT1",
                                    "schedules:expression", "daily 03:17"));
                    return p != null && p.says("created; next run");
                }),
                new Action("delete a schedule", "A", s -> {
                    long id = admin.post("api/schedules", "{\"source\":\"hms\",\"scope\":\"subsystem:CT1\","
                            + "\"expression\":\"daily 03:18\"}").json().get("id").asLong();
                    ConsoleSession.Page p = submitIn(s, "schedules.xhtml", "schedules", "daily 03:18", "Delete",
                            Map.of());
                    boolean gone = !admin.get("api/schedules").body().contains("daily 03:18");
                    admin.send("DELETE", "api/schedules/" + id);
                    return p != null && gone;
                }),
                new Action("save and apply a retention policy", "A", s -> {
                    ConsoleSession.Page p = submitIn(s, "schedules.xhtml", "retention", null, "Save and apply",
                            Map.of("retention:source", "hms", "retention:days", "3650", "retention:count", ""));
                    return p != null && p.says("Retention of hms saved");
                }));

        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        try {
            for (String caller : CALLERS) {
                ConsoleSession s = new ConsoleSession(root());
                boolean signedIn = switch (caller) {
                    case "anonymous" -> false;
                    case "wrong-password" -> s.signIn("mallory", "not-a-password");
                    case "admin" -> s.signIn("admin", "admin-demo");
                    default -> s.signIn(caller, caller + "-demo");
                };
                assertEquals(!caller.equals("anonymous") && !caller.equals("wrong-password"), signedIn, caller);
                for (Action a : actions) {
                    String key = String.format("%-64s %s", a.name(), caller);
                    expected.put(key, a.allowed().contains(RoleMatrixIT.letter(caller)) ? "done" : "refused");
                    actual.put(key, a.attempt().done(s) ? "done" : "refused");
                }
            }
        } finally {
            for (JsonNode schedule : admin.get("api/schedules").json()) {
                if (schedule.get("expression").asText().equals("daily 03:17")) {
                    admin.send("DELETE", "api/schedules/" + schedule.get("id").asLong());
                }
            }
            admin.put("api/retention/hms", "{\"keepDays\":" + retentionBefore.path("keepDays") + ",\"keepCount\":"
                    + retentionBefore.path("keepCount") + "}");
        }
        assertEquals(table(expected), table(actual));

        // the operator's forged replace answered 403 and was audited once; an anonymous visit never reached a page
        JsonNode refused = admin.get("api/audit?action=RESTORE&user=operator&status=REFUSED").json();
        assertEquals(refusedRestoresBefore + 1, refused.size(), refused.toString());
        assertTrue(refused.get(0).get("details").asText().contains("only a backup-admin may run a replace restore"),
                refused.get(0).toString());
        ConsoleSession anonymous = new ConsoleSession(root());
        for (String page : List.of("index.xhtml", "backups.xhtml", "restore.xhtml", "jobs.xhtml", "schedules.xhtml",
                "audit.xhtml")) {
            ConsoleSession.Page p = anonymous.get(page);
            assertEquals(302, p.status(), page);
            assertTrue(p.location().endsWith("/login.xhtml"), page + " -> " + p.location());
        }
    }

    private static String table(Map<String, String> cells) {
        List<String> lines = new ArrayList<>();
        cells.forEach((k, v) -> lines.add(k + "  " + v));
        return String.join("\n", lines);
    }
}
