package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeboat.repository.CopyMismatchException;
import org.lifeboat.repository.ObjectExistsException;
import org.lifeboat.repository.Repository;
import org.lifeboat.repository.S3Store;

/**
 * Off-site copies against a real S3 API: the S3Proxy (filesystem backend) that bin/test starts, configured as
 * repository {@code offsite} in the suite's repositories.yaml, with {@code hms} packages copied there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OffsiteCopyIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI lifeboat() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    /** The bucket's folder in S3Proxy's filesystem backend: one file per object, named by its key. */
    private static Path bucket() {
        return Path.of(System.getProperty("it.s3.dir"), "lifeboat-it");
    }

    @BeforeEach
    void s3ProxyRuns() {
        assumeTrue(String.valueOf(System.getProperty("it.s3.endpoint")).startsWith("http"),
                "S3Proxy is started by bin/test (LIFEBOAT_IT_S3_ENDPOINT)");
    }

    @Test
    void a_backup_is_copied_offsite_verifies_there_and_a_damaged_object_fails_verify_naming_it() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        JsonNode job = api.awaitJob(api.startBackup("hms", "subsystem:CT1"), Duration.ofMinutes(2));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        long id = job.at("/result/backupId").asLong();

        JsonNode backup = api.get("api/backups/" + id).json();
        JsonNode copy = backup.get("copies").get(0);
        assertEquals("offsite", copy.get("repository").asText(), backup.toString());
        assertEquals("COPIED", copy.get("state").asText(), backup.toString());
        String key = copy.get("key").asText();
        assertTrue(key.startsWith("packages/hms/") && key.endsWith(".lifeboat.tar"), key);

        // the object, on the store's disk, is the package: same bytes, same SHA-256 as the local file and the catalog
        Path object = bucket().resolve(key);
        assertTrue(Files.isRegularFile(object), "object " + object);
        Path local = Path.of(backup.get("file").asText());
        assertEquals(sha256(local), sha256(object));
        assertEquals(backup.get("sha256").asText(), sha256(object));
        assertEquals(Files.size(local), copy.get("bytes").asLong());

        // the list shows the same copy
        JsonNode listed = api.get("api/backups?source=hms").json();
        boolean seen = false;
        for (JsonNode p : listed) {
            if (p.get("id").asLong() == id) {
                seen = true;
                assertEquals("COPIED", p.at("/copies/0/state").asText(), p.toString());
            }
        }
        assertTrue(seen, listed.toString());

        // verify reads the object back and checks every checksum and count
        JsonNode verified = api.post("api/backups/" + id + "/verify?repository=offsite", "").json();
        assertTrue(verified.get("ok").asBoolean(), verified.toString());
        assertTrue(verified.get("entriesChecked").asInt() > 0, verified.toString());
        assertEquals("VERIFIED", api.get("api/backups/" + id).json().at("/copies/0/state").asText());
        assertTrue(api.get("api/audit?action=VERIFY").body().contains("in repository offsite is intact"));

        // damage the object behind the store's back (same length): verify names the object and what is wrong
        try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
        JsonNode damaged = api.post("api/backups/" + id + "/verify?repository=offsite", "").json();
        assertFalse(damaged.get("ok").asBoolean(), damaged.toString());
        String problems = damaged.get("problems").toString();
        assertTrue(problems.contains(key) && problems.contains("the catalog says " + backup.get("sha256").asText()),
                problems);
        JsonNode after = api.get("api/backups/" + id).json().at("/copies/0");
        assertEquals("FAILED", after.get("state").asText(), after.toString());
        assertTrue(after.get("reason").asText().startsWith("verify: "), after.toString());

        // the local package is untouched and still verifies
        assertTrue(api.post("api/backups/" + id + "/verify", "").json().get("ok").asBoolean());
        // a repository that is not configured, a repository without this copy: 404 with the reason
        assertEquals(404, api.post("api/backups/" + id + "/verify?repository=nowhere", "").status());
        LifeboatClient.Reply noCopy = api.post("api/backups/" + id + "/verify?repository=closed", "");
        assertEquals(404, noCopy.status(), noCopy.body());
        assertTrue(noCopy.body().contains("has no copy in repository closed"), noCopy.body());
    }

    @Test
    void a_package_the_catalog_lost_comes_back_from_the_bucket_by_a_rescan() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        JsonNode job = api.awaitJob(api.startBackup("hms", "subsystem:LOG1"), Duration.ofMinutes(2));
        long id = job.at("/result/backupId").asLong();
        JsonNode before = api.get("api/backups/" + id).json();
        String key = before.at("/copies/0/key").asText();
        assertEquals("COPIED", before.at("/copies/0/state").asText(), before.toString());

        // the server loses the package: catalog entry and local file; the object stays in the bucket
        assertEquals(204, api.send("DELETE", "api/backups/" + id).status());
        assertTrue(Files.isRegularFile(bucket().resolve(key)));

        // an operator may not rescan; a backup-admin may, and the package is a recovery point again
        assertEquals(403, new LifeboatClient(lifeboat(), "operator", "operator-demo")
                .post("api/repositories/offsite/rescan", "").status());
        JsonNode rescan = api.post("api/repositories/offsite/rescan", "").json();
        JsonNode found = null; // (other suites' packages deleted from the catalog may come back too)
        for (JsonNode added : rescan.get("added")) {
            JsonNode p = api.get("api/backups/" + added.asLong()).json();
            if (p.get("file").asText().equals("s3://lifeboat-it/" + key)) {
                found = p;
            }
        }
        assertTrue(found != null, "the lost package is catalogued again: " + rescan);
        long back = found.get("id").asLong();
        assertEquals("hms", found.get("source").asText(), found.toString());
        assertEquals("subsystem:LOG1", found.get("scope").asText(), found.toString());
        assertEquals(before.get("sha256").asText(), found.get("sha256").asText(), found.toString());
        assertEquals(before.get("sizeBytes").asLong(), found.get("sizeBytes").asLong(), found.toString());
        assertEquals(before.get("totalRows").asLong(), found.get("totalRows").asLong(), found.toString());
        assertEquals(before.get("counts"), found.get("counts"), found.toString());
        assertEquals(before.get("createdAt").asText(), found.get("createdAt").asText(), found.toString());
        assertEquals("s3://lifeboat-it/" + key, found.get("file").asText(), found.toString());
        assertEquals("COPIED", found.at("/copies/0/state").asText(), found.toString());
        assertTrue(api.post("api/backups/" + back + "/verify?repository=offsite", "").json().get("ok").asBoolean());

        // a second rescan finds nothing new
        JsonNode again = api.post("api/repositories/offsite/rescan", "").json();
        assertEquals(0, again.get("added").size(), again.toString());
        assertTrue(api.get("api/audit?action=RESCAN").body().contains("package(s) catalogued from s3://lifeboat-it/"));
    }

    @Test
    void a_store_that_is_down_leaves_the_backup_completed_and_the_copy_failed_with_the_reason() throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir"), "profiles", "repositories.yaml");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original + "  edms: [closed]\n");
            LifeboatClient api = LifeboatClient.admin(lifeboat());
            JsonNode job = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2));
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            JsonNode copy = api.get("api/backups/" + job.at("/result/backupId").asLong()).json().at("/copies/0");
            assertEquals("closed", copy.get("repository").asText(), copy.toString());
            assertEquals("FAILED", copy.get("state").asText(), copy.toString());
            assertTrue(copy.get("reason").asText().contains("127.0.0.1:1"), copy.toString());
            assertTrue(copy.hasNonNull("updatedAt"), copy.toString());

            // the same package copied by hand to a store that answers; an auditor may not
            long id = job.at("/result/backupId").asLong();
            assertEquals(403, new LifeboatClient(lifeboat(), "auditor", "auditor-demo")
                    .post("api/backups/" + id + "/copy?repository=offsite", "").status());
            JsonNode byHand = api.post("api/backups/" + id + "/copy?repository=offsite", "").json();
            assertEquals("COPIED", byHand.get("state").asText(), byHand.toString());
            assertTrue(Files.isRegularFile(bucket().resolve(byHand.get("key").asText())), byHand.toString());
            JsonNode again = api.post("api/backups/" + id + "/copy?repository=offsite", "").json();
            assertEquals("COPIED", again.get("state").asText(), "a second copy leaves the first: " + again);
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    void a_large_package_goes_up_in_parts_once_and_a_file_that_is_not_the_catalogued_one_leaves_nothing()
            throws Exception {
        Repository offsite = new Repository("offsite", Repository.Kind.S3,
                URI.create(System.getProperty("it.s3.endpoint")), "us-east-1", "lifeboat-it", "packages/", true,
                "LIFEBOAT_S3_ACCESS_KEY", "LIFEBOAT_S3_SECRET_KEY", 5);
        Path dir = Path.of(System.getProperty("it.data.dir"), "large");
        Files.createDirectories(dir);
        Path large = dir.resolve("large.lifeboat.tar");
        byte[] block = new byte[1 << 20];
        new Random(15).nextBytes(block);
        int mib = 64;
        try (var out = Files.newOutputStream(large)) {
            for (int i = 0; i < mib; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        String sha = sha256(large);
        String key = "packages/it/large-" + System.nanoTime() + ".lifeboat.tar";
        try (S3Store store = new S3Store(offsite)) {
            long started = System.nanoTime();
            S3Store.StoredObject stored = store.upload(large, key, sha);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("off-site copy of %d MiB in %.2f s: %.1f MB/s%n", mib, seconds,
                    Files.size(large) / 1e6 / seconds);
            assertEquals(Files.size(large), stored.bytes());
            assertEquals(sha, sha256(bucket().resolve(key)));

            // an existing key is never overwritten
            assertThrows(ObjectExistsException.class, () -> store.upload(large, key, sha));
            assertEquals(sha, sha256(bucket().resolve(key)));

            // the file read is not the catalogued one (its SHA-256 differs): the upload is aborted, no object
            String other = "packages/it/mismatch-" + System.nanoTime() + ".lifeboat.tar";
            CopyMismatchException e = assertThrows(CopyMismatchException.class,
                    () -> store.upload(large, other, "0".repeat(64)));
            assertTrue(e.getMessage().contains("upload was aborted"), e.getMessage());
            assertFalse(store.head(other).isPresent(), "no object under " + other);
            try (Stream<Path> files = Files.walk(bucket())) {
                assertTrue(files.noneMatch(f -> f.toString().contains("mismatch-")), "nothing half-written");
            }
        } finally {
            Files.deleteIfExists(large);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
