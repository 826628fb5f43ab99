package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nobody can lock admin out for everyone (failed sign-ins count per user and address, an admin lifts them),
 * failed sign-ins and role refusals are audited, browsers cannot post to the API for another site, and the
 * console's pages cannot be framed and keep their session cookie to themselves.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserAndSignInSecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI root() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    /** The status of a GET sent from another local address (127.0.0.x): a caller somewhere else. */
    private int getFrom(String localAddress, String path, String user, String password) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(root().getHost(), root().getPort()), 10_000);
            s.setSoTimeout(30_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            out.write(("GET " + root().getPath() + path + " HTTP/1.1\r\nHost: " + root().getHost() + ":"
                    + root().getPort() + "\r\nAuthorization: Basic " + auth + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != -1 && b != '\n'; ) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.US_ASCII);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void wrong_passwords_from_one_address_do_not_lock_admin_out_elsewhere() throws Exception {
        LifeboatClient admin = LifeboatClient.admin(root());
        for (int i = 0; i < 6; i++) {
            assertEquals(401, getFrom("127.0.0.2", "api/sources", "admin", "guess-" + i));
        }
        assertEquals(429, getFrom("127.0.0.2", "api/sources", "admin", "admin-demo"),
                "the right password from the attacking address waits for the back-off");
        assertEquals(200, admin.get("api/sources").status(), "admin from its own address is not locked out");

        JsonNode lockouts = admin.get("api/security/lockouts").json();
        assertTrue(lockouts.toString().contains("127.0.0.2"), lockouts.toString());
        assertEquals(403, new LifeboatClient(root(), "operator", "operator-demo").get("api/security/lockouts")
                .status());
        assertEquals(200, admin.send("DELETE", "api/security/lockouts/admin").status());
        assertEquals(200, getFrom("127.0.0.2", "api/sources", "admin", "admin-demo"), "lifted");

        JsonNode failedSignIns = admin.get("api/audit?action=SIGN_IN").json();
        assertTrue(failedSignIns.size() >= 6, failedSignIns.toString());
        assertEquals("REFUSED", failedSignIns.get(0).get("status").asText());
    }

    @Test
    void role_refusals_and_anonymous_calls_are_audited() throws Exception {
        LifeboatClient admin = LifeboatClient.admin(root());
        LifeboatClient.Reply refused = new LifeboatClient(root(), "auditor", "auditor-demo")
                .post("api/backups", "{\"source\":\"hms\",\"scope\":\"subsystem:HR1\"}");
        assertEquals(403, refused.status(), refused.body());
        assertNotNull(refused.json().get("detail"));
        // the service that decided audits the refusal once, as the action it refused, with the reason
        JsonNode backups = admin.get("api/audit?action=BACKUP&status=REFUSED").json();
        assertTrue(backups.size() > 0 && backups.get(0).get("user").asText().equals("auditor")
                && backups.get(0).get("details").asText().equals(refused.json().get("detail").asText()),
                backups.toString());
        // a refusal no service saw (reading the audit log without the role) is audited as FORBIDDEN
        assertEquals(403, new LifeboatClient(root(), "operator", "operator-demo").get("api/audit").status());
        JsonNode forbidden = admin.get("api/audit?action=FORBIDDEN").json();
        assertTrue(forbidden.size() > 0 && forbidden.get(0).get("user").asText().equals("operator"),
                forbidden.toString());
        assertEquals(401, new LifeboatClient(root(), null, null).get("api/backups").status());
        assertTrue(admin.get("api/audit?action=UNAUTHENTICATED").json().size() > 0);
    }

    @Test
    void a_browser_on_another_site_cannot_post_to_the_api() throws Exception {
        LifeboatClient admin = LifeboatClient.admin(root());
        int jobsBefore = admin.get("api/jobs?limit=500").json().size();
        String body = "{\"source\":\"hms\",\"scope\":\"subsystem:HR1\"}";
        LifeboatClient.Reply evil = admin.send(admin.request("api/backups").header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, evil.status(), evil.body());
        assertTrue(evil.json().get("detail").asText().contains("evil.example"), evil.body());
        LifeboatClient.Reply fetch = admin.send(admin.request("api/backups").header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(403, fetch.status(), fetch.body());
        // an export is a GET that starts a backup job: a cross-site page may not trigger it either
        LifeboatClient.Reply export = admin.send(admin.request("api/exports/hms/subsystem/HR1")
                .header("Sec-Fetch-Site", "cross-site").GET());
        assertEquals(403, export.status(), export.body());
        assertEquals(jobsBefore, admin.get("api/jobs?limit=500").json().size(), "no job was started");
        String own = root().getScheme() + "://" + root().getHost() + ":" + root().getPort();
        LifeboatClient.Reply same = admin.send(admin.request("api/backups").header("Content-Type", "application/json")
                .header("Origin", own).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(202, same.status(), same.body());
        admin.awaitJob(same.json().get("executionId").asLong(), java.time.Duration.ofMinutes(2));
    }

    @Test
    void console_pages_cannot_be_framed_and_the_session_cookie_is_strict() throws Exception {
        LifeboatClient anonymous = new LifeboatClient(root(), null, null);
        LifeboatClient.Reply login = anonymous.get("login.xhtml");
        assertEquals(200, login.status());
        assertEquals("DENY", login.header("X-Frame-Options"));
        assertTrue(login.header("Content-Security-Policy").contains("frame-ancestors 'none'"),
                login.header("Content-Security-Policy"));
        assertEquals("nosniff", login.header("X-Content-Type-Options"));
        String cookie = login.header("Set-Cookie");
        assertNotNull(cookie, "the sign-in form opens a session");
        assertTrue(cookie.contains("HttpOnly") && cookie.toLowerCase().contains("samesite=strict"), cookie);
        assertFalse(login.body().contains(";jsessionid="), "no session id in URLs");
    }

    @Test
    void a_stale_sign_in_form_gets_a_calm_page_not_a_stack_trace() throws Exception {
        // a form whose view state the server no longer knows (session ended, server restarted)
        LifeboatClient anonymous = new LifeboatClient(root(), null, null);
        String form = "login=login&login%3Ausername=admin&login%3Apassword=admin-demo&login%3Asubmit=Sign+in"
                + "&jakarta.faces.ViewState=" + java.net.URLEncoder.encode("-123456789:987654321", StandardCharsets.UTF_8);
        long errorsBefore = ServerLog.count(" ERROR ");
        LifeboatClient.Reply stale = anonymous.send(anonymous.request("login.xhtml")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(400, stale.status(), stale.body());
        assertTrue(stale.body().contains("expired") && stale.body().contains("login.xhtml"), stale.body());
        assertFalse(stale.body().contains("Exception") || stale.body().contains("at org."), stale.body());
        assertEquals(errorsBefore, ServerLog.count(" ERROR "), "a stale form is the visitor's: no ERROR in server.log");
        LifeboatClient.Reply missing = anonymous.get("no-such-page.html");
        assertEquals(404, missing.status());
        assertFalse(missing.body().contains("Exception"), missing.body());
    }

    @Test
    void the_sign_in_page_gets_its_stylesheet_before_anyone_signs_in_and_pages_stay_guarded() throws Exception {
        LifeboatClient anonymous = new LifeboatClient(root(), null, null);
        LifeboatClient.Reply login = anonymous.get("login.xhtml");
        java.util.regex.Matcher css = java.util.regex.Pattern.compile(
                "<link[^>]+href=\"/lifeboat/([^\"]+console\\.css[^\"]*)\"").matcher(login.body());
        assertTrue(css.find(), "the sign-in page links its stylesheet: " + login.body());
        LifeboatClient.Reply sheet = anonymous.get(css.group(1).replace("&amp;", "&"));
        assertEquals(200, sheet.status(), "not a redirect to the sign-in page: " + sheet.body());
        assertTrue(sheet.header("Content-Type").startsWith("text/css"), sheet.header("Content-Type"));
        assertTrue(sheet.body().contains(".badge"), "the stylesheet itself");
        // only Faces resources go through; pages still send a stranger to the sign-in page
        LifeboatClient.Reply page = anonymous.get("backups.xhtml");
        assertEquals(302, page.status(), page.body());
        assertTrue(page.header("Location").endsWith("/login.xhtml"), page.header("Location"));
    }
}
