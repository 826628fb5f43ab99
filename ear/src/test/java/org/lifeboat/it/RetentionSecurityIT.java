package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention cannot be steered by what an uploaded file claims: uploads that say they are the newest packages do
 * not push the server's own full backup out, and a manifest dated outside any plausible time is refused.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetentionSecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private LifeboatClient as(String user) {
        return new LifeboatClient(URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "")
                + "/lifeboat/"), user, user + "-demo");
    }

    /** A real package of the server, its manifest claiming another creation time. */
    private static byte[] redated(byte[] pkg, String createdAt) throws Exception {
        Map<String, byte[]> entries = UploadIT.entries(pkg);
        ObjectNode manifest = (ObjectNode) LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        manifest.put("createdAt", createdAt);
        manifest.put("completedAt", createdAt);
        entries.put("manifest.json", LifeboatClient.JSON.writeValueAsBytes(manifest));
        return UploadIT.tar(entries);
    }

    private static List<Long> ids(JsonNode packages) {
        List<Long> ids = new ArrayList<>();
        packages.forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    @Test
    void uploads_claiming_to_be_newest_do_not_make_retention_delete_the_last_full_backup() throws Exception {
        LifeboatClient admin = as("admin");
        LifeboatClient operator = as("operator");
        JsonNode full = admin.awaitJob(admin.startBackup("hms", "full"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", full.get("status").asText(), full.toString());
        long fullId = full.at("/result/backupId").asLong();
        Path fullFile = Path.of(full.at("/result/file").asText());
        byte[] pkg = admin.download("api/backups/" + fullId + "/download").body();

        // newer than the real backup by what they claim, yet inside the accepted range (up to a day ahead)
        Instant soon = Instant.now().plus(20, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        LifeboatClient.Reply first = operator.upload("api/backups/upload", "claims-newer-1.tar", redated(pkg, soon.toString()));
        assertEquals(201, first.status(), first.body());
        LifeboatClient.Reply second = operator.upload("api/backups/upload", "claims-newer-2.tar",
                redated(pkg, soon.plus(2, ChronoUnit.HOURS).toString()));
        assertEquals(201, second.status(), second.body());
        JsonNode small = operator.awaitJob(operator.startBackup("hms", "tables:users"), Duration.ofMinutes(2));
        assertEquals("COMPLETED", small.get("status").asText(), small.toString());
        long smallId = small.at("/result/backupId").asLong();

        try {
            assertEquals(200, admin.put("api/retention/hms", "{\"keepCount\": 1}").status());
            LifeboatClient.Reply applied = admin.post("api/retention/hms/apply", "");
            assertEquals(200, applied.status(), applied.body());

            List<Long> left = ids(admin.get("api/backups?source=hms").json());
            assertTrue(left.contains(fullId), "the server's full backup survives: " + left);
            assertTrue(Files.exists(fullFile), "and its file");
            assertTrue(left.contains(smallId), "the newest tables:users backup is its own group: " + left);
            assertTrue(left.contains(second.json().get("id").asLong()), "the newest upload stays: " + left);
            assertFalse(left.contains(first.json().get("id").asLong()), "the older upload goes: " + left);
        } finally {
            admin.put("api/retention/hms", "{\"keepDays\": 7}");
        }
    }

    @Test
    void a_manifest_dated_outside_any_plausible_time_is_refused_and_leaves_nothing() throws Exception {
        LifeboatClient admin = as("admin");
        JsonNode backup = admin.awaitJob(admin.startBackup("hms", "subsystem:HR1"), Duration.ofMinutes(2));
        byte[] pkg = admin.download("api/backups/" + backup.at("/result/backupId").asLong() + "/download").body();
        Path backups = Path.of(System.getProperty("it.data.dir"), "backups");
        long catalogued = admin.get("api/backups").json().size();
        long files = count(backups.resolve("hms"));

        for (String forged : List.of("1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "2027-06-01T00:00:00Z")) {
            LifeboatClient.Reply r = admin.upload("api/backups/upload", "forged.tar", redated(pkg, forged));
            assertEquals(422, r.status(), forged + ": " + r.body());
            assertEquals("manifest-invalid-field", r.json().get("reason").asText(), r.body());
            assertTrue(r.json().get("detail").asText().contains("createdAt " + forged), r.body());
            assertFalse(r.body().contains("SQL") || r.body().contains("ERROR:"), "no database text: " + r.body());
        }
        assertEquals(catalogued, admin.get("api/backups").json().size(), "nothing catalogued");
        assertEquals(0, count(backups.resolve(".incoming")), "no upload left in .incoming");
        assertEquals(files, count(backups.resolve("hms")), "no stray package file");
    }

    @Test
    void retention_of_a_source_that_does_not_exist_is_a_404_and_creates_no_policy() throws Exception {
        LifeboatClient admin = as("admin");
        LifeboatClient.Reply put = admin.put("api/retention/nosuchsrc", "{\"keepCount\": 3}");
        assertEquals(404, put.status(), put.body());
        assertEquals("unknown source", put.json().get("error").asText(), put.body());
        assertEquals(404, admin.get("api/retention/nosuchsrc").status());
        assertEquals(404, admin.post("api/retention/nosuchsrc/apply", "").status());
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}
