package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Every REST endpoint tried by every kind of caller: anonymous, a wrong password, auditor, operator, a department
 * admin of another department (hr-admin on CT), backup-admin. "ok" means the role got past the permission check
 * (whatever the call then answered: 200, 202, 400, 404...); 401 and 403 are refusals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RoleMatrixIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private static final String[] CALLERS = {"anonymous", "wrong-password", "auditor", "operator", "hr-admin", "admin"};

    /** One call and who may make it: A=admin O=operator U=auditor H=hr-admin (on CT, not its department). */
    record Call(String method, String path, String body, String allowed) {}

    private URI root() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    private LifeboatClient client(String caller) {
        return switch (caller) {
            case "anonymous" -> new LifeboatClient(root(), null, null);
            case "wrong-password" -> new LifeboatClient(root(), "mallory", "not-a-password"); // never admin: no lockout
            case "admin" -> LifeboatClient.admin(root());
            default -> new LifeboatClient(root(), caller, caller + "-demo");
        };
    }

    /** The letter of a caller in the matrices' "who may" strings (ConsoleRoleMatrixIT uses the same). */
    static String letter(String caller) {
        return switch (caller) {
            case "admin" -> "A";
            case "operator" -> "O";
            case "auditor" -> "U";
            case "hr-admin" -> "H";
            default -> "-";
        };
    }

    @Test
    void every_role_tries_every_endpoint() throws Exception {
        LifeboatClient admin = LifeboatClient.admin(root());
        long ct = admin.awaitJob(admin.startBackup("hms", "subsystem:CT1"), Duration.ofMinutes(2))
                .at("/result/backupId").asLong();
        List<Call> calls = List.of(
                new Call("GET", "api/sources", null, "AOUH"),
                new Call("GET", "api/backups", null, "AOUH"),
                new Call("GET", "api/backups/" + ct, null, "AOU"),
                new Call("POST", "api/backups", "{\"source\":\"hms\",\"scope\":\"subsystem:CT1\",\"threads\":999}", "AO"),
                new Call("GET", "api/backups/" + ct + "/download", null, "AO"),
                new Call("POST", "api/backups/upload", "", "AO"),
                new Call("POST", "api/backups/" + ct + "/verify", "", "AOU"),
                new Call("POST", "api/backups/" + ct + "/verify?repository=offsite", "", "AOU"),
                new Call("POST", "api/backups/" + ct + "/copy?repository=offsite", "", "AO"),
                new Call("POST", "api/backups/" + ct + "/fetch", "{\"repository\":\"offsite\"}", "AO"),
                new Call("POST", "api/backups/" + ct + "/rewrap", "{\"repository\":\"nowhere\"}", "A"),
                new Call("GET", "api/repositories", null, "AOUH"),
                new Call("POST", "api/repositories/offsite/rescan", "", "A"),
                new Call("DELETE", "api/backups/999999", null, "A"),
                new Call("POST", "api/restores", "{\"backupId\":" + ct + ",\"mode\":\"merge\",\"dryRun\":true}", "AO"),
                new Call("POST", "api/restores", "{\"backupId\":" + ct + ",\"mode\":\"replace\",\"dryRun\":true}", "A"),
                new Call("POST", "api/restores", "{\"backupId\":" + ct + ",\"mode\":\"clean\",\"dryRun\":true}", "A"),
                new Call("GET", "api/status", null, "AOU"),
                new Call("GET", "api/jobs", null, "AOUH"),
                new Call("GET", "api/audit", null, "AU"),
                new Call("GET", "api/audit/verify", null, "AU"),
                new Call("GET", "api/schedules", null, "AOU"),
                new Call("POST", "api/schedules", "{}", "A"),
                new Call("DELETE", "api/schedules/999999", null, "A"),
                new Call("POST", "api/schedules/999999/disable", "", "A"),
                new Call("GET", "api/retention/hms", null, "AOU"),
                new Call("PUT", "api/retention/hms", "{}", "A"),
                new Call("POST", "api/retention/nosuchsource/apply", "", "A"),
                new Call("GET", "api/exports/hms/subsystem/CT1", null, "A"),
                new Call("POST", "api/imports/hms/subsystem/CT1", "", "A"),
                new Call("GET", "api/security/lockouts", null, "A"),
                new Call("DELETE", "api/security/lockouts/nobody", null, "A"));

        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (Call call : calls) {
            for (String caller : CALLERS) {
                String key = call.method() + " " + call.path() + (call.body() == null || call.body().length() < 3 ? ""
                        : " " + call.body()) + " as " + caller;
                String want = caller.equals("anonymous") || caller.equals("wrong-password") ? "401"
                        : call.allowed().contains(letter(caller)) ? "ok" : "403";
                LifeboatClient c = client(caller);
                HttpRequest.Builder request = c.request(call.path());
                if (call.body() != null) {
                    request.header("Content-Type", call.path().contains("upload") || call.path().contains("imports")
                            ? "application/octet-stream" : "application/json");
                    request.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
                } else {
                    request.method(call.method(), HttpRequest.BodyPublishers.noBody());
                }
                LifeboatClient.Reply r = c.send(request);
                String got = r.status() == 401 || r.status() == 403 ? String.valueOf(r.status()) : "ok";
                if (r.status() == 404 && caller.equals("hr-admin") && call.path().contains("/" + ct)) {
                    got = "403"; // another department's package is answered like one that does not exist
                }
                if (r.status() >= 500) {
                    serverErrors.add(key + " -> " + r.status() + " " + r.body());
                }
                if (r.status() == 401 || r.status() == 403) {
                    r.json(); // every refusal is the documented JSON
                }
                expected.put(key, want);
                actual.put(key, got);
            }
        }
        assertEquals(List.of(), serverErrors);
        assertEquals(expected, actual);
        // the list itself is filtered: a department admin sees only the sources it holds a department of
        List<String> hrSources = new ArrayList<>();
        client("hr-admin").get("api/sources").json().forEach(source -> hrSources.add(source.get("name").asText()));
        assertEquals(List.of("hms"), hrSources);
    }
}
