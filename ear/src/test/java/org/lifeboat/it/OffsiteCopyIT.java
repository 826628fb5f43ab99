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
import org.lifeboat.repository.SecretRef;
import java.util.List;

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
        JsonNode found = rescanned(api, "offsite", key);
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
        Repository offsite = repository(System.getProperty("it.s3.endpoint"));
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

    /** The suite's S3Proxy as the test JVM reaches it (the credentials are in this JVM's environment too). */
    private static Repository repository(String endpoint) {
        return new Repository("offsite", Repository.Kind.S3, URI.create(endpoint), "us-east-1", "lifeboat-it",
                "packages/", true, new SecretRef(null, "LIFEBOAT_S3_ACCESS_KEY"),
                new SecretRef(null, "LIFEBOAT_S3_SECRET_KEY"), 5, null, null, null);
    }

    /** The server lost everything of an encrypted package but the bucket: rescan, fetch with the offline key. */
    @Test
    void an_encrypted_copy_opens_with_gpg_and_a_server_that_lost_the_package_restores_it_from_the_bucket()
            throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir"), "profiles", "repositories.yaml");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original + "  edms: [vault]\n");
            LifeboatClient api = LifeboatClient.admin(lifeboat());
            String before = DatabaseState.dataDump("edms_test");
            JsonNode job = api.awaitJob(api.startBackup("edms", "database"), Duration.ofMinutes(2));
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            long id = job.at("/result/backupId").asLong();
            JsonNode backup = api.get("api/backups/" + id).json();
            JsonNode copy = backup.at("/copies/0");
            assertEquals("vault", copy.get("repository").asText(), backup.toString());
            assertEquals("COPIED", copy.get("state").asText(), backup.toString());
            String key = copy.get("key").asText();
            assertTrue(key.startsWith("vault/edms/") && key.endsWith(".lifeboat.tar.gpg"), key);
            assertTrue(copy.get("encryption").asText().startsWith("openpgp AES-256, keys "), copy.toString());

            // on the store's disk: ciphertext (not the package's bytes), the SHA-256 the catalog records for it
            Path object = bucket().resolve(key);
            String packageSha = backup.get("sha256").asText();
            assertTrue(!sha256(object).equals(packageSha), "the object is not the clear package");
            assertEquals(copy.get("objectSha256").asText(), sha256(object));
            assertEquals(Files.size(object), copy.get("bytes").asLong());
            byte[] clearHead = Files.readAllBytes(Path.of(backup.get("file").asText()));
            assertFalse(new String(Files.readAllBytes(object), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .contains("manifest.json"), "no clear tar header in the object");
            // its sidecar lists it without the key, and holds no table name
            String sidecar = Files.readString(bucket().resolve(key + ".meta.json"));
            assertTrue(sidecar.contains("\"source\" : \"edms\"") && sidecar.contains(packageSha), sidecar);
            backup.get("counts").fieldNames().forEachRemaining(table -> assertFalse(
                    sidecar.contains(table.substring(table.indexOf('.') + 1)), table + " in " + sidecar));

            // standard tools open it with the private key that lives off the server: gpg -d | tar t
            Path home = Path.of(System.getProperty("it.data.dir"), "gnupg");
            Path clear = Path.of(System.getProperty("it.data.dir"), "gpg-" + id + ".tar");
            Process gpg = new ProcessBuilder("bash", "-c", "gpg --homedir '" + home + "' --batch -q -d '" + object
                    + "' > '" + clear + "' && tar tf '" + clear + "' | head -3").redirectErrorStream(true).start();
            String listing = new String(gpg.getInputStream().readAllBytes());
            assertEquals(0, gpg.waitFor(), listing);
            assertTrue(listing.startsWith("manifest.json"), listing);
            assertEquals(packageSha, sha256(clear));
            assertEquals(clearHead.length, Files.size(clear));
            Files.delete(clear);

            // verify without the key: the object's checksum only, and it says no entry could be opened
            JsonNode verified = api.post("api/backups/" + id + "/verify?repository=vault", "").json();
            assertTrue(verified.get("ok").asBoolean(), verified.toString());
            assertEquals(0, verified.get("entriesChecked").asInt(), verified.toString());

            // the server loses the package (catalog entry and local file), the data is damaged
            assertEquals(204, api.send("DELETE", "api/backups/" + id).status());
            try (var c = SourceDatabase.open("edms"); var st = c.createStatement()) {
                st.execute("UPDATE documents_document SET title = 'WRECKED', description = 'lost' WHERE id % 2 = 0");
                st.execute("UPDATE users_user SET email = 'wrecked-' || id || '@example.org'");
            }

            // a rescan finds it from its sidecar, without the key
            JsonNode found = rescanned(api, "vault", key);
            long back = found.get("id").asLong();
            assertEquals("edms", found.get("source").asText(), found.toString());
            assertEquals("database", found.get("scope").asText(), found.toString());
            assertEquals(packageSha, found.get("sha256").asText(), found.toString());
            assertEquals(backup.get("sizeBytes").asLong(), found.get("sizeBytes").asLong(), found.toString());
            assertEquals(backup.get("totalRows").asLong(), found.get("totalRows").asLong(), found.toString());
            assertEquals("UPLOAD", found.get("origin").asText(), "untrusted until it is back and checked");

            // not on this disk: a restore and a download say where to bring it back from
            LifeboatClient.Reply early = api.post("api/restores", "{\"backupId\":" + back
                    + ",\"source\":\"edms\",\"mode\":\"replace\"}");
            assertEquals(410, early.status(), early.body());
            assertTrue(early.body().contains("/fetch") && early.body().contains("vault"), early.body());
            assertEquals(410, api.get("api/backups/" + back + "/download").status());

            // no key, a wrong key, a role that may not: refused, nothing kept, the package still remote
            LifeboatClient.Reply noKey = api.post("api/backups/" + back + "/fetch", "{\"repository\":\"vault\"}");
            assertEquals(422, noKey.status(), noKey.body());
            assertTrue(noKey.body().contains("cannot decrypt") && noKey.body().contains(".lifeboat.tar.gpg"),
                    noKey.body());
            LifeboatClient.Reply wrong = api.post("api/backups/" + back + "/fetch",
                    "{\"repository\":\"vault\",\"passphrase\":\"guess\"}");
            assertEquals(422, wrong.status(), wrong.body());
            assertEquals(403, new LifeboatClient(lifeboat(), "auditor", "auditor-demo")
                    .post("api/backups/" + back + "/fetch", "{\"repository\":\"vault\"}").status());
            assertEquals("s3://lifeboat-it/" + key, api.get("api/backups/" + back).json().get("file").asText());
            assertNothingIncoming();

            // the private key given with the fetch (never stored): the package is back, checked, signed by us
            String privateKey = Files.readString(Path.of(System.getProperty("it.data.dir"), "vault.sec.asc"));
            JsonNode fetched = api.post("api/backups/" + back + "/fetch", new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(java.util.Map.of("repository", "vault", "privateKey", privateKey))).json();
            assertTrue(Files.isRegularFile(Path.of(fetched.get("file").asText())), fetched.toString());
            assertEquals(packageSha, sha256(Path.of(fetched.get("file").asText())));
            assertEquals("SIGNED_UPLOAD", fetched.get("origin").asText(), fetched.toString());
            assertEquals(backup.get("counts"), fetched.get("counts"), fetched.toString());
            assertTrue(api.get("api/audit?action=FETCH").body().contains("brought back from s3://lifeboat-it/vault/"));
            assertFalse(api.get("api/audit?action=FETCH").body().contains("PRIVATE KEY"), "the key is not audited");

            // and it restores: the source is exactly as it was at the backup
            JsonNode restored = api.awaitJob(api.post("api/restores", "{\"backupId\":" + back
                    + ",\"source\":\"edms\",\"mode\":\"replace\"}").json().get("executionId").asLong(),
                    Duration.ofMinutes(3));
            assertEquals("COMPLETED", restored.get("status").asText(), restored.toString());
            DatabaseState.assertSameData(before, DatabaseState.dataDump("edms_test"));
        } finally {
            Files.writeString(file, original);
        }
    }

    /**
     * A repository whose passphrase the server holds: verify decrypts the copy and checks every entry and count,
     * and a lost package comes back without anyone giving a key.
     */
    @Test
    void with_the_servers_own_key_verify_opens_the_encrypted_copy_and_a_fetch_needs_no_key() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        JsonNode job = api.awaitJob(api.startBackup("hms", "subsystem:FIN1"), Duration.ofMinutes(2));
        long id = job.at("/result/backupId").asLong();
        JsonNode copy = api.post("api/backups/" + id + "/copy?repository=sealed", "").json();
        assertEquals("COPIED", copy.get("state").asText(), copy.toString());
        assertTrue(copy.get("encryption").asText().endsWith("passphrase"), copy.toString());
        JsonNode verified = api.post("api/backups/" + id + "/verify?repository=sealed", "").json();
        assertTrue(verified.get("ok").asBoolean(), verified.toString());
        assertTrue(verified.get("entriesChecked").asInt() > 0 && verified.get("rowsChecked").asLong() > 0,
                "the contents were decrypted and checked: " + verified);
        String sha = api.get("api/backups/" + id).json().get("sha256").asText();

        assertEquals(204, api.send("DELETE", "api/backups/" + id).status());
        long back = rescanned(api, "sealed", copy.get("key").asText()).get("id").asLong();
        JsonNode fetched = api.post("api/backups/" + back + "/fetch", "{\"repository\":\"sealed\"}").json();
        assertEquals(sha, sha256(Path.of(fetched.get("file").asText())), fetched.toString());
        assertEquals("SIGNED_UPLOAD", fetched.get("origin").asText(), fetched.toString());
    }

    /**
     * Key rotation: the repository's recipients change (from the offline key to a passphrase the server holds);
     * re-wrapping an old copy, opened once with the old private key, makes it readable with the new one only, and
     * replaces its object.
     */
    @Test
    void a_rewrap_rotates_an_old_copy_to_the_repositorys_new_key_without_reencrypting() throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir"), "profiles", "repositories.yaml");
        String original = Files.readString(file);
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        try {
            Files.writeString(file, original + "  edms: [vault]\n");
            JsonNode job = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2));
            long id = job.at("/result/backupId").asLong();
            JsonNode before = api.get("api/backups/" + id).json();
            String oldKey = before.at("/copies/0/key").asText();
            assertTrue(before.at("/copies/0/encryption").asText().contains("keys "), before.toString());

            Files.writeString(file, original.replace("      recipients: [keys/vault.pub.asc]",
                    "      passphraseEnv: LIFEBOAT_IT_SEALED_PASSPHRASE") + "  edms: [vault]\n");
            assertEquals(403, new LifeboatClient(lifeboat(), "operator", "operator-demo")
                    .post("api/backups/" + id + "/rewrap", "{\"repository\":\"vault\"}").status());
            LifeboatClient.Reply noKey = api.post("api/backups/" + id + "/rewrap", "{\"repository\":\"vault\"}");
            assertEquals(422, noKey.status(), "the server's new passphrase does not open the old copy: " + noKey.body());
            assertTrue(Files.isRegularFile(bucket().resolve(oldKey)), "the old object stays after a refusal");

            String privateKey = Files.readString(Path.of(System.getProperty("it.data.dir"), "vault.sec.asc"));
            JsonNode done = api.post("api/backups/" + id + "/rewrap", new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(java.util.Map.of("repository", "vault", "privateKey", privateKey))).json();
            String newKey = done.at("/copy/key").asText();
            assertTrue(!newKey.equals(oldKey) && newKey.endsWith(".lifeboat.tar.gpg"), done.toString());
            assertEquals("openpgp AES-256, passphrase", done.at("/copy/encryption").asText(), done.toString());
            assertEquals("deleted", done.get("oldObject").asText(), done.toString());
            assertFalse(Files.exists(bucket().resolve(oldKey)), "the old object is gone");
            assertFalse(Files.exists(bucket().resolve(oldKey + ".meta.json")), "and its sidecar");
            assertTrue(Files.isRegularFile(bucket().resolve(newKey + ".meta.json")), "the new one has its sidecar");

            // gpg opens the new object with the passphrase, to the very package; the server verifies its contents
            Path clear = Path.of(System.getProperty("it.data.dir"), "rewrapped-" + id + ".tar");
            Process gpg = new ProcessBuilder("bash", "-c", "gpg --batch -q --pinentry-mode loopback --no-symkey-cache"
                    + " --passphrase it-sealed-passphrase -d '" + bucket().resolve(newKey) + "' > '" + clear + "'")
                    .redirectErrorStream(true).start();
            String said = new String(gpg.getInputStream().readAllBytes());
            assertEquals(0, gpg.waitFor(), said);
            assertEquals(before.get("sha256").asText(), sha256(clear));
            Files.delete(clear);
            JsonNode verified = api.post("api/backups/" + id + "/verify?repository=vault", "").json();
            assertTrue(verified.get("ok").asBoolean() && verified.get("entriesChecked").asInt() > 0,
                    verified.toString());
            assertTrue(api.get("api/audit?action=REWRAP").body().contains("re-wrapped for openpgp AES-256, passphrase"));
        } finally {
            Files.writeString(file, original);
        }
    }

    /** An object damaged or deleted on the store behind Lifeboat's back: verify and fetch name it, keep nothing. */
    @Test
    void a_damaged_or_deleted_encrypted_object_is_named_by_verify_and_never_brought_back() throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir"), "profiles", "repositories.yaml");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original + "  edms: [vault]\n");
            LifeboatClient api = LifeboatClient.admin(lifeboat());
            JsonNode job = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2));
            long id = job.at("/result/backupId").asLong();
            JsonNode copy = api.get("api/backups/" + id).json().at("/copies/0");
            String key = copy.get("key").asText();
            Path object = bucket().resolve(key);
            try (RandomAccessFile f = new RandomAccessFile(object.toFile(), "rw")) {
                f.seek(f.length() - 40); // inside the encrypted data, before the integrity check
                int b = f.read();
                f.seek(f.length() - 40);
                f.write(b ^ 0x01);
            }
            JsonNode damaged = api.post("api/backups/" + id + "/verify?repository=vault", "").json();
            assertFalse(damaged.get("ok").asBoolean(), damaged.toString());
            assertTrue(damaged.get("problems").toString().contains(key), damaged.toString());
            assertEquals("FAILED", api.get("api/backups/" + id).json().at("/copies/0/state").asText());

            // the catalog loses it, a rescan brings it back, the fetch with the right key refuses the damage
            assertEquals(204, api.send("DELETE", "api/backups/" + id).status());
            long back = rescanned(api, "vault", key).get("id").asLong();
            String privateKey = Files.readString(Path.of(System.getProperty("it.data.dir"), "vault.sec.asc"));
            LifeboatClient.Reply refused = api.post("api/backups/" + back + "/fetch", new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(java.util.Map.of("repository", "vault", "privateKey", privateKey)));
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("modified") || refused.body().contains("SHA-256"), refused.body());
            assertTrue(api.get("api/backups/" + back).json().get("file").asText().startsWith("s3://"));
            assertNothingIncoming();

            // deleted from the store behind Lifeboat's back: verify and the catalog say so
            Files.delete(object);
            JsonNode gone = api.post("api/backups/" + back + "/verify?repository=vault", "").json();
            assertFalse(gone.get("ok").asBoolean(), gone.toString());
            assertTrue(gone.get("problems").toString().contains("is not in repository vault"), gone.toString());
            JsonNode state = api.get("api/backups/" + back).json().at("/copies/0");
            assertEquals("FAILED", state.get("state").asText(), state.toString());
            assertTrue(state.get("reason").asText().contains("is not in repository vault"), state.toString());
        } finally {
            Files.writeString(file, original);
        }
    }

    /** Wrong credentials, a bucket that does not exist: the copy fails with the store's reason, nothing else. */
    @Test
    void wrong_credentials_and_a_missing_bucket_fail_the_copy_with_the_stores_reason() throws Exception {
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        JsonNode job = api.awaitJob(api.startBackup("hms", "subsystem:CT1"), Duration.ofMinutes(2));
        long id = job.at("/result/backupId").asLong();
        JsonNode wrongKey = api.post("api/backups/" + id + "/copy?repository=wrongkey", "").json();
        assertEquals("FAILED", wrongKey.get("state").asText(), wrongKey.toString());
        assertTrue(wrongKey.get("reason").asText().contains("403") && wrongKey.get("reason").asText()
                .contains("refused repository wrongkey's credentials"), wrongKey.toString());
        JsonNode noBucket = api.post("api/backups/" + id + "/copy?repository=nobucket", "").json();
        assertEquals("FAILED", noBucket.get("state").asText(), noBucket.toString());
        assertTrue(noBucket.get("reason").asText().contains("bucket lifeboat-it-missing does not exist"),
                noBucket.toString());
        // a rescan of either answers 502 with the reason, no stack trace
        LifeboatClient.Reply rescan = api.post("api/repositories/wrongkey/rescan", "");
        assertEquals(502, rescan.status(), rescan.body());
        assertTrue(rescan.body().contains("repository unavailable"), rescan.body());
        assertEquals(502, api.post("api/repositories/nobucket/rescan", "").status());
    }

    /**
     * The store goes away in the middle of a multipart upload (a relay in front of S3Proxy is cut): the upload
     * fails, no object appears under the key; once the store is back, the same upload completes.
     */
    @Test
    void a_store_that_stops_in_the_middle_of_an_upload_leaves_no_object_and_the_next_attempt_completes()
            throws Exception {
        URI target = URI.create(System.getProperty("it.s3.endpoint"));
        Path dir = Path.of(System.getProperty("it.data.dir"), "large");
        Files.createDirectories(dir);
        Path large = dir.resolve("cut.lifeboat.tar");
        byte[] block = new byte[1 << 20];
        new Random(16).nextBytes(block);
        try (var out = Files.newOutputStream(large)) {
            for (int i = 0; i < 24; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        String sha = sha256(large);
        String key = "packages/it/cut-" + System.nanoTime() + ".lifeboat.tar";
        try (Relay relay = new Relay(target.getPort(), 12L << 20)) { // cut after 12 MiB went up
            try (S3Store store = new S3Store(repository("http://127.0.0.1:" + relay.port()))) {
                Exception cut = assertThrows(Exception.class, () -> store.upload(large, key, sha));
                assertTrue(relay.cut(), "the relay cut the upload: " + cut);
            }
            try (S3Store direct = new S3Store(repository(target.toString()))) {
                assertFalse(direct.head(key).isPresent(), "no object under " + key);
                assertFalse(Files.exists(bucket().resolve(key)), "nothing under the final key on disk");
                S3Store.StoredObject stored = direct.upload(large, key, sha);
                assertEquals(Files.size(large), stored.bytes());
                assertEquals(sha, sha256(bucket().resolve(key)));
            }
        } finally {
            Files.deleteIfExists(large);
        }
    }

    /**
     * Retention per repository: the local policy lets old packages go but a package with a copy stays a recovery
     * point there (only its local file is deleted); the repository's own policy deletes its objects; a package with
     * neither leaves the catalog. Every deletion is audited.
     */
    @Test
    void each_repository_keeps_its_own_generations_and_the_catalog_keeps_what_a_repository_holds() throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir"), "profiles", "repositories.yaml");
        String original = Files.readString(file);
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        try {
            Files.writeString(file, original.replace("repositories:\n", """
                    repositories:
                      rotating:
                        kind: s3
                        endpoint: %s
                        bucket: lifeboat-it
                        prefix: rotating/
                        accessKeyEnv: LIFEBOAT_S3_ACCESS_KEY
                        secretKeyEnv: LIFEBOAT_S3_SECRET_KEY
                        retention: {keepCount: 2}
                    """.formatted(System.getProperty("it.s3.endpoint"))) + "  edms: [rotating]\n");
            assertEquals(200, api.put("api/retention/edms", "{\"keepCount\": 1}").status());
            long[] ids = new long[3];
            JsonNode[] jobs = new JsonNode[3];
            for (int i = 0; i < 3; i++) {
                jobs[i] = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2));
                assertEquals("COMPLETED", jobs[i].get("status").asText(), jobs[i].toString());
                ids[i] = jobs[i].at("/result/backupId").asLong();
            }
            String oldestKey = "rotating/edms/" + Path.of(jobs[0].at("/result/file").asText()).getFileName();
            // the oldest: its local file went with the second backup, its copy with the third; it left the catalog
            assertEquals(404, api.get("api/backups/" + ids[0]).status());
            assertFalse(Files.exists(Path.of(jobs[0].at("/result/file").asText())));
            assertFalse(Files.exists(bucket().resolve(oldestKey)), "its object is deleted from the bucket");
            // the middle one: no local file any more, still a recovery point in the repository, fetchable
            JsonNode middle = api.get("api/backups/" + ids[1]).json();
            assertFalse(Files.exists(Path.of(middle.get("file").asText())), middle.toString());
            assertEquals("COPIED", middle.at("/copies/0/state").asText(), middle.toString());
            LifeboatClient.Reply download = api.get("api/backups/" + ids[1] + "/download");
            assertEquals(410, download.status(), download.body());
            assertTrue(download.body().contains("/fetch"), download.body());
            JsonNode back = api.post("api/backups/" + ids[1] + "/fetch", "{\"repository\":\"rotating\"}").json();
            assertTrue(Files.isRegularFile(Path.of(back.get("file").asText())), back.toString());
            // the newest: here and there
            JsonNode newest = api.get("api/backups/" + ids[2]).json();
            assertTrue(Files.isRegularFile(Path.of(newest.get("file").asText())), newest.toString());
            assertEquals("COPIED", newest.at("/copies/0/state").asText(), newest.toString());
            String audit = api.get("api/audit?action=RETENTION_DELETE").body();
            assertTrue(audit.contains("package " + ids[0] + "'s local file deleted") && audit.contains(
                    "it stays a recovery point in repository rotating"), audit);
            assertTrue(audit.contains("the copy of package " + ids[0] + " in repository rotating deleted")
                    && audit.contains("the package left the catalog"), audit);
        } finally {
            api.put("api/retention/edms", "{\"keepDays\": 7}");
            Files.writeString(file, original);
        }
    }

    /**
     * A store that is down for one backup and answers again for the next: the next backup's copy step also copies
     * the package whose copy failed (catch-up), without anyone asking.
     */
    @Test
    void copies_that_failed_while_the_store_was_down_are_caught_up_by_the_next_backup() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free now; nothing listens there until the relay does
        }
        Path file = Path.of(System.getProperty("it.data.dir"), "profiles", "repositories.yaml");
        String original = Files.readString(file);
        try {
            Files.writeString(file, original.replace("repositories:\n", """
                    repositories:
                      flaky:
                        kind: s3
                        endpoint: http://127.0.0.1:%d
                        bucket: lifeboat-it
                        prefix: flaky/
                        accessKeyEnv: LIFEBOAT_S3_ACCESS_KEY
                        secretKeyEnv: LIFEBOAT_S3_SECRET_KEY
                    """.formatted(port)) + "  edms: [flaky]\n");
            LifeboatClient api = LifeboatClient.admin(lifeboat());
            JsonNode first = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2));
            long missed = first.at("/result/backupId").asLong();
            JsonNode down = api.get("api/backups/" + missed).json().at("/copies/0");
            assertEquals("FAILED", down.get("state").asText(), down.toString());

            try (Relay store = new Relay(port, URI.create(System.getProperty("it.s3.endpoint")).getPort(),
                    Long.MAX_VALUE)) {
                JsonNode second = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2));
                assertEquals("COMPLETED", second.get("status").asText(), second.toString());
                long next = second.at("/result/backupId").asLong();
                assertEquals("COPIED", api.get("api/backups/" + next).json().at("/copies/0/state").asText());
                JsonNode caught = api.get("api/backups/" + missed).json().at("/copies/0");
                assertEquals("COPIED", caught.get("state").asText(), caught.toString());
                assertTrue(Files.isRegularFile(bucket().resolve(caught.get("key").asText())), caught.toString());
            }
        } finally {
            Files.writeString(file, original);
        }
    }

    /**
     * Object Lock: every object written to a repository with {@code objectLock} carries the retention headers (seen
     * on the wire by a relay). Whether the store enforces them is the store's part: S3Proxy's filesystem backend
     * does not implement Object Lock, so this suite cannot check the enforcement.
     */
    @Test
    void a_repository_with_object_lock_sends_the_retention_headers_with_every_object() throws Exception {
        URI target = URI.create(System.getProperty("it.s3.endpoint"));
        Path dir = Path.of(System.getProperty("it.data.dir"), "large");
        Files.createDirectories(dir);
        Path small = dir.resolve("locked.lifeboat.tar");
        Files.write(small, new byte[4096]);
        String key = "packages/it/locked-" + System.nanoTime() + ".lifeboat.tar";
        try (Relay relay = new Relay(0, target.getPort(), Long.MAX_VALUE)) {
            Repository plain = repository("http://127.0.0.1:" + relay.port());
            Repository locked = new Repository(plain.name(), plain.kind(), plain.endpoint(), plain.region(),
                    plain.bucket(), plain.prefix(), true, plain.accessKey(), plain.secretKey(), 5, null,
                    new Repository.ObjectLock("COMPLIANCE", 30), null);
            try (S3Store store = new S3Store(locked)) {
                try {
                    store.upload(small, key, sha256(small));
                } catch (RuntimeException | IOException storeRefused) {
                    // a store without Object Lock may refuse the headers; what matters here is what was sent
                }
            }
            String sent = relay.requests().toLowerCase(java.util.Locale.ROOT);
            assertTrue(sent.contains("x-amz-object-lock-mode: compliance"), sent);
            assertTrue(sent.contains("x-amz-object-lock-retain-until-date: "), sent);
            assertTrue(sent.contains("x-amz-checksum-sha256: "), "S3 needs a checksum with a lock: " + sent);
        } finally {
            Files.deleteIfExists(small);
        }
    }

    /** A TCP relay to 127.0.0.1:{@code to} that stops relaying (and accepting) after {@code cutAfter} bytes up. */
    private static final class Relay implements AutoCloseable {
        private final java.net.ServerSocket server;
        private final java.util.concurrent.atomic.AtomicLong up = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.List<java.net.Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean cut;
        private final java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();

        Relay(int to, long cutAfter) throws IOException {
            this(0, to, cutAfter);
        }

        /** Listening on {@code port} (0: any free one). */
        Relay(int port, int to, long cutAfter) throws IOException {
            server = new java.net.ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 50);
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket client = server.accept();
                        java.net.Socket store = new java.net.Socket("127.0.0.1", to);
                        sockets.add(client);
                        sockets.add(store);
                        clients.add(client);
                        pump(client, store, cutAfter);
                        pump(store, client, Long.MAX_VALUE);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        private void pump(java.net.Socket from, java.net.Socket to, long cutAfter) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[1 << 16];
                try (InputStream in = from.getInputStream()) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (seen) {
                            if (seen.size() < (1 << 16) && isUp(from)) {
                                seen.write(buffer, 0, Math.min(n, (1 << 16) - seen.size()));
                            }
                        }
                        if (cutAfter != Long.MAX_VALUE && up.addAndGet(n) > cutAfter) {
                            cutAll();
                            return;
                        }
                        to.getOutputStream().write(buffer, 0, n);
                    }
                } catch (IOException e) {
                    // the other side closed, or the cut
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void cutAll() {
            cut = true;
            try {
                server.close(); // the store is gone: no new connection either
            } catch (IOException e) {
                // closing anyway
            }
            for (java.net.Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private final java.util.Set<java.net.Socket> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private boolean isUp(java.net.Socket from) {
            return clients.contains(from);
        }

        /** The start of what the client sent (requests: headers, and the first bytes of bodies). */
        String requests() {
            synchronized (seen) {
                return seen.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
        }

        boolean cut() {
            return cut;
        }

        @Override
        public void close() {
            cutAll();
        }
    }

    /**
     * Rescans {@code repository} and answers the package catalogued again from {@code key} (other suites' packages
     * deleted from the catalog may come back too).
     */
    private static JsonNode rescanned(LifeboatClient api, String repository, String key) throws Exception {
        JsonNode rescan = api.post("api/repositories/" + repository + "/rescan", "").json();
        for (JsonNode added : rescan.get("added")) {
            JsonNode p = api.get("api/backups/" + added.asLong()).json();
            if (p.get("file").asText().equals("s3://lifeboat-it/" + key)) {
                return p;
            }
        }
        throw new AssertionError("the lost package " + key + " is not catalogued again: " + rescan);
    }

    private static void assertNothingIncoming() throws IOException {
        Path incoming = Path.of(System.getProperty("it.data.dir"), "backups", ".incoming");
        if (Files.isDirectory(incoming)) {
            try (Stream<Path> left = Files.list(incoming)) {
                assertEquals(List.of(), left.filter(f -> f.toString().endsWith(".fetch")).toList(),
                        "nothing half-fetched is left");
            }
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
