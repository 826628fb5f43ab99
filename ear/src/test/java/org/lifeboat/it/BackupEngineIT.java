package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
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

/** Backups of every kind of content, consistent under load, deterministic, verifiable and restartable. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupEngineIT {

    static final Path SOURCES = Path.of(System.getProperty("it.data.dir"), "sources");
    static final String PASSPHRASE = "it-secrets-passphrase";

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

    @BeforeAll
    static void createTables() throws Exception {
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
            st.execute("""
                    DROP TABLE IF EXISTS it_account_a, it_account_b, it_big;
                    CREATE TABLE it_account_a (id int PRIMARY KEY, balance bigint NOT NULL);
                    CREATE TABLE it_account_b (id int PRIMARY KEY, balance bigint NOT NULL);
                    INSERT INTO it_account_a SELECT g, 1000 FROM generate_series(1, 100000) g;
                    INSERT INTO it_account_b SELECT g, 1000 FROM generate_series(1, 100000) g;
                    CREATE TABLE it_big (id int PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL);
                    INSERT INTO it_big SELECT g, md5(g::text) || repeat(' lorem ipsum', 6),
                           timestamptz '2026-01-01 00:00+00' + g * interval '1 minute' FROM generate_series(1, 300000) g;
                    ANALYZE it_account_a, it_account_b, it_big;
                    """);
        }
    }

    @AfterAll
    static void dropTables() throws Exception {
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS it_account_a, it_account_b, it_big");
        }
    }

    private JsonNode backup(String body) throws Exception {
        LifeboatClient api = api();
        LifeboatClient.Reply r = api.post("api/backups", body);
        assertEquals(202, r.status(), r.body());
        JsonNode job = api.awaitJob(r.json().get("executionId").asLong(), Duration.ofMinutes(4));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        return job;
    }

    private static Path file(JsonNode job) {
        return Path.of(job.at("/result/file").asText());
    }

    @Test
    void a_full_backup_holds_storage_configuration_and_only_encrypted_secrets() throws Exception {
        Path media = SOURCES.resolve("edms/storage/media");
        Path inside = media.resolve("logo-link.png");
        Path outside = media.resolve("passwd-link");
        Files.deleteIfExists(inside);
        Files.deleteIfExists(outside);
        Files.createSymbolicLink(inside, Path.of("empty.dat"));
        Files.createSymbolicLink(outside, Path.of("/etc/passwd"));
        JsonNode job;
        try {
            job = backup("{\"source\":\"edms\",\"scope\":\"full\"}");
        } finally {
            Files.delete(inside);
            Files.delete(outside);
        }
        try (PackageFile p = new PackageFile(file(job))) {
            Map<String, String> onDisk = new HashMap<>();
            for (String root : new String[] {"documents", "versions", "media"}) {
                Path rootDir = SOURCES.resolve("edms/storage").resolve(root);
                try (Stream<Path> files = Files.walk(rootDir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        onDisk.put("storage/" + root + "/" + rootDir.relativize(f).toString().replace('\\', '/'),
                                PackageFile.sha256(Files.readAllBytes(f)));
                    }
                }
            }
            int stored = 0;
            for (JsonNode f : p.manifest.get("storage")) {
                if (f.hasNonNull("link")) {
                    assertEquals("media", f.get("root").asText());
                    assertEquals("logo-link.png", f.get("path").asText());
                    assertEquals("empty.dat", f.get("link").asText());
                    continue;
                }
                String entry = f.get("entry").asText();
                assertEquals(onDisk.get(entry), f.get("sha256").asText(), "manifest checksum of " + entry);
                assertEquals(onDisk.get(entry), PackageFile.sha256(p.bytes(entry)), "bytes of " + entry);
                stored++;
            }
            assertEquals(onDisk.size(), stored, "every storage file is in the package");
            assertTrue(onDisk.keySet().stream().anyMatch(k -> k.contains("Übersicht")), "non-ASCII names");
            assertEquals("passwd-link", p.manifest.at("/storageSkipped/0/path").asText(), "links leaving the root");
            assertArrayEquals(Files.readAllBytes(SOURCES.resolve("edms/config/edms.env")),
                    p.bytes("configuration/edms/config/edms.env"));

            byte[] secretKey = Files.readAllBytes(SOURCES.resolve("edms/config/secret.key"));
            byte[] sealed = p.bytes("secrets/secrets.tar.gpg");
            assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains(
                    new String(secretKey, StandardCharsets.ISO_8859_1).strip().lines().findFirst().orElseThrow()),
                    "the secret is not in clear in the package");
            byte[] tar = gpgDecrypt(sealed, PASSPHRASE);
            try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
                TarArchiveEntry e = in.getNextEntry();
                assertEquals("edms/config/secret.key", e.getName());
                assertArrayEquals(secretKey, in.readAllBytes());
            }
            assertTrue(p.manifest.at("/schema/included").asBoolean());
        }
        JsonNode verified = api().post("api/backups/" + job.at("/result/backupId").asLong() + "/verify", "").json();
        assertTrue(verified.get("ok").asBoolean(), verified.toString());
    }

    @Test
    void an_unreadable_storage_file_fails_the_backup_with_its_path_and_a_restart_goes_on() throws Exception {
        Path fifo = SOURCES.resolve("edms/storage/media/jobs.fifo");
        Files.deleteIfExists(fifo);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        LifeboatClient api = api();
        long id = api.startBackup("edms", "storage");
        JsonNode failed;
        try {
            failed = api.awaitJob(id, Duration.ofMinutes(2));
        } finally {
            Files.delete(fifo);
        }
        assertEquals("FAILED", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("error").asText().contains(fifo.toString()), failed.get("error").asText());
        Path packages = SOURCES.getParent().resolve("backups/edms");
        assertFalse(Files.isDirectory(packages) && Files.list(packages)
                .anyMatch(f -> f.toString().contains("-storage-") && f.toString().endsWith(".tar")),
                "a failed backup leaves no package");
        LifeboatClient.Reply restart = api.post("api/jobs/" + id + "/restart", "");
        assertEquals(202, restart.status(), restart.body());
        JsonNode done = api.awaitJob(restart.json().get("executionId").asLong(), Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.get("status").asText(), done.toString());
    }

    @Test
    void verify_finds_a_flipped_byte_and_delete_removes_package_and_entry() throws Exception {
        JsonNode job = backup("{\"source\":\"hms\",\"scope\":\"subsystem:HR3\"}");
        long id = job.at("/result/backupId").asLong();
        Path file = file(job);
        byte[] original = Files.readAllBytes(file);
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
            int at = original.length / 2;
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (original[at] ^ 0x40)}), at);
        }
        JsonNode broken = api().post("api/backups/" + id + "/verify", "").json();
        assertFalse(broken.get("ok").asBoolean(), broken.toString());
        assertTrue(broken.get("problems").get(0).asText().contains("data/public."), broken.toString());
        Files.write(file, original);
        assertTrue(api().post("api/backups/" + id + "/verify", "").json().get("ok").asBoolean());

        LifeboatClient.Reply deleted = api().send("DELETE", "api/backups/" + id);
        assertEquals(204, deleted.status(), deleted.body());
        assertFalse(Files.exists(file));
        assertEquals(404, api().get("api/backups/" + id).status());
        JsonNode audit = api().get("api/audit?action=DELETE&user=admin").json();
        assertTrue(audit.get(0).get("fileName").asText().equals(file.toString()), audit.toString());
        LifeboatClient operator = new LifeboatClient(URI.create(base.toString().replaceAll("/+$", "")
                .replaceAll("/lifeboat$", "") + "/lifeboat/"), "operator", "operator-demo");
        assertEquals(403, operator.send("DELETE", "api/backups/" + id).status(), "only admins delete");
    }

    @Test
    void all_tables_come_from_one_snapshot_while_transfers_keep_running() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong transfers = new AtomicLong();
        Thread writer = new Thread(() -> {
            Random random = new Random(42);
            try (Connection db = SourceDatabase.open("hms")) {
                db.setAutoCommit(false);
                try (var debit = db.prepareStatement("UPDATE it_account_a SET balance = balance - ? WHERE id = ?");
                     var credit = db.prepareStatement("UPDATE it_account_b SET balance = balance + ? WHERE id = ?")) {
                    while (running.get()) {
                        int amount = random.nextInt(500) - 250;
                        debit.setInt(1, amount);
                        debit.setInt(2, 1 + random.nextInt(100000));
                        debit.executeUpdate();
                        credit.setInt(1, amount);
                        credit.setInt(2, 1 + random.nextInt(100000));
                        credit.executeUpdate();
                        db.commit();
                        transfers.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        JsonNode job;
        long during;
        try {
            Thread.sleep(300);
            long before = transfers.get();
            job = backup("{\"source\":\"hms\",\"scope\":\"tables:it_account_a,it_account_b\",\"chunkRows\":500}");
            during = transfers.get() - before;
        } finally {
            running.set(false);
            writer.join(10_000);
        }
        assertTrue(during > 20, "transfers committed while the backup ran: " + during);
        long total = 0;
        try (PackageFile p = new PackageFile(file(job))) {
            for (String table : new String[] {"it_account_a", "it_account_b"}) {
                for (String line : p.rows(table).split("\n")) {
                    JsonNode row = LifeboatClient.JSON.readTree(line);
                    total += row.get(1).asLong();
                }
            }
        }
        assertEquals(200_000_000L, total, "money is neither created nor lost: one snapshot for both tables ("
                + during + " transfers ran during the backup)");
    }

    @Test
    void the_same_data_gives_byte_identical_entries_and_split_ranges_give_the_same_rows() throws Exception {
        JsonNode first = backup("{\"source\":\"hms\",\"scope\":\"subsystem:CT1\"}");
        JsonNode second = backup("{\"source\":\"hms\",\"scope\":\"subsystem:CT1\"}");
        try (PackageFile a = new PackageFile(file(first)); PackageFile b = new PackageFile(file(second))) {
            for (String t : new String[] {"patients", "appointments"}) {
                assertEquals(a.table(t).get("sha256").asText(), b.table(t).get("sha256").asText(), t);
            }
        }
        JsonNode whole = backup("{\"source\":\"hms\",\"scope\":\"tables:it_big\"}");
        JsonNode split = backup("{\"source\":\"hms\",\"scope\":\"tables:it_big\",\"splitThresholdRows\":100000}");
        try (PackageFile a = new PackageFile(file(whole)); PackageFile b = new PackageFile(file(split))) {
            assertEquals(1, a.table("it_big").get("partitions").asInt());
            assertEquals(3, b.table("it_big").get("partitions").asInt(), "300,000 rows split by 100,000");
            assertEquals(300_000, b.table("it_big").get("rows").asLong());
            assertEquals(PackageFile.sha256(a.rows("it_big").getBytes(StandardCharsets.UTF_8)),
                    PackageFile.sha256(b.rows("it_big").getBytes(StandardCharsets.UTF_8)),
                    "split partitions give the same rows in the same order");
        }
    }

    @Test
    void a_killed_connection_fails_the_job_and_the_restart_resumes_to_the_same_package() throws Exception {
        LifeboatClient api = api();
        String body = "{\"source\":\"hms\",\"scope\":\"tables:it_big\",\"chunkRows\":500}";
        long id = api.post("api/backups", body).json().get("executionId").asLong();
        long done = 0;
        for (int i = 0; i < 400 && done < 30_000; i++) {
            Thread.sleep(50);
            JsonNode tables = api.get("api/jobs/" + id).json().get("tables");
            done = tables.size() == 0 ? 0 : tables.get(0).get("done").asLong();
        }
        assertTrue(done >= 30_000 && done < 300_000, "killed mid-table, after " + done + " rows");
        int killed;
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                     + "AND query LIKE '%FROM ONLY \"public\".\"it_big\"%ORDER BY%'")) {
            rs.next();
            killed = rs.getInt(1);
        }
        assertEquals(1, killed, "one reader connection terminated");
        JsonNode failed = api.awaitJob(id, Duration.ofMinutes(2));
        assertEquals("FAILED", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("error").asText().contains("terminat"), failed.get("error").asText());

        LifeboatClient.Reply restart = api.post("api/jobs/" + id + "/restart", "");
        assertEquals(202, restart.status(), restart.body());
        JsonNode resumed = api.awaitJob(restart.json().get("executionId").asLong(), Duration.ofMinutes(3));
        assertEquals("COMPLETED", resumed.get("status").asText(), resumed.toString());
        long reread = 0;
        for (JsonNode step : resumed.get("steps")) {
            if (step.get("name").asText().equals("export-tables")) {
                reread = step.get("read").asLong();
            }
        }
        assertTrue(reread > 0 && reread <= 300_000 - 30_000 + 500, "the restart read only what was left: " + reread);

        JsonNode straight = backup(body);
        try (PackageFile a = new PackageFile(file(resumed)); PackageFile b = new PackageFile(file(straight))) {
            assertEquals(b.table("it_big").get("sha256").asText(), a.table("it_big").get("sha256").asText(),
                    "the restarted package has the same table entry as an uninterrupted run");
            assertEquals(2, a.manifest.at("/snapshot/ids").size(), a.manifest.get("snapshot").toString());
            assertTrue(a.manifest.at("/snapshot/restarted").asBoolean());
        }
    }

    private static byte[] gpgDecrypt(byte[] sealed, String passphrase) throws Exception {
        Path home = Files.createTempDirectory("gnupg");
        Path in = Files.createTempFile("secrets", ".gpg");
        Files.write(in, sealed);
        try {
            Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Process p = new ProcessBuilder("gpg", "--homedir", home.toString(), "--batch", "--quiet",
                    "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--decrypt", in.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().write((passphrase + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "gpg -d failed");
            return out;
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(10, TimeUnit.SECONDS);
            Files.delete(in);
        }
    }
}
