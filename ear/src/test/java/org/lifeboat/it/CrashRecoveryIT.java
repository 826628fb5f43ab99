package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL in the middle of a backup or a restore: after it starts again the execution shows
 * FAILED (not STARTED forever), no partial file passes for a package, nothing of a restore is applied, and a
 * restart finishes from the checkpoint with the same result as an uninterrupted run. Each job is cut off at two
 * points: the backup early and late in its table (the second kill hits the restarted execution), the restore
 * while it stages rows and inside its one apply transaction. {@code bin/torture} kills at ten random points each.
 */
class CrashRecoveryIT {

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
            st.execute("""
                    DROP TABLE IF EXISTS it_crash, it_crash_restore;
                    CREATE TABLE it_crash (id bigint PRIMARY KEY, note text NOT NULL, amount numeric(12,2));
                    INSERT INTO it_crash SELECT g, 'row ' || g || repeat('.', g % 50), g / 7.0
                      FROM generate_series(1, 400000) g;
                    CREATE TABLE it_crash_restore AS SELECT * FROM it_crash;
                    ALTER TABLE it_crash_restore ADD PRIMARY KEY (id);
                    ANALYZE it_crash, it_crash_restore;
                    """);
        }
    }

    @AfterAll
    static void dropTable() throws Exception {
        try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
            st.execute("DROP TABLE IF EXISTS it_crash, it_crash_restore");
        }
    }

    @Test
    void a_backup_cut_off_by_kill_9_is_failed_after_restart_and_resumes_to_the_same_package() throws Exception {
        String body = "{\"source\":\"hms\",\"scope\":\"tables:it_crash\",\"chunkRows\":500}";
        try (OwnServer server = new OwnServer("crash-server")) {
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());
            long id = api.post("api/backups", body).json().get("executionId").asLong();
            long instance = api.get("api/jobs/" + id).json().get("instanceId").asLong();
            long done = awaitProgress(api, id, "export-tables", 60_000);
            assertTrue(done >= 60_000 && done < 400_000, "killed mid-table after " + done + " rows");
            server.kill();

            Path packages = Path.of(System.getProperty("it.data.dir"), "backups", "hms");
            assertFalse(Files.isDirectory(packages) && listNames(packages).anyMatch(n -> n.endsWith("-" + instance + ".lifeboat.tar")),
                    "nothing under a package name for the killed job");

            server.start();
            JsonNode after = api.get("api/jobs/" + id).json();
            assertTrue(after.get("exitStatus").asText().contains("server stopped"), after.toString());
            JsonNode resumed = api.awaitJob(restartFailed(api, id), Duration.ofMinutes(3));
            assertEquals("COMPLETED", resumed.get("status").asText(), resumed.toString());
            long read = resumed.get("steps").findValues("read").stream().mapToLong(JsonNode::asLong).sum();
            assertTrue(read < 400_000, "resumed from the checkpoint, read " + read + " rows again");

            assertSameEntryAsAnUninterruptedBackup(api, body, resumed);
            assertTrue(api.post("api/backups/" + resumed.at("/result/backupId").asLong() + "/verify", "")
                    .json().get("ok").asBoolean());
            assertFalse(listNames(packages).anyMatch(n -> n.endsWith(".partial")), "no partial file is left");
        }
    }

    @Test
    void a_restore_cut_off_by_kill_9_while_loading_restarts_and_finishes_with_the_same_result() throws Exception {
        try (OwnServer server = new OwnServer("crash-restore-server")) {
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());
            JsonNode backup = api.awaitJob(api.startBackup("hms", "tables:it_crash_restore"), Duration.ofMinutes(3));
            assertEquals("COMPLETED", backup.get("status").asText(), backup.toString());
            String original;
            try (Connection db = SourceDatabase.open("hms")) {
                original = DatabaseState.tableHashes(db).get("it_crash_restore");
                try (Statement st = db.createStatement()) {
                    st.execute("DELETE FROM it_crash_restore WHERE id % 2 = 0; UPDATE it_crash_restore SET note = 'wrecked' WHERE id < 1000");
                }
            }
            long id = api.post("api/restores", "{\"backupId\":" + backup.at("/result/backupId").asLong()
                    + ",\"mode\":\"replace\"}").json().get("executionId").asLong();
            long staged = awaitProgress(api, id, "stage-tables", 60_000);
            assertTrue(staged >= 60_000 && staged < 400_000, "killed while loading, after " + staged + " rows");
            server.kill();
            server.start();
            try (Connection db = SourceDatabase.open("hms")) {
                assertEquals(200_000, SourceDatabase.count(db, "public.it_crash_restore"), "nothing applied yet");
            }
            JsonNode done = api.awaitJob(restartFailed(api, id), Duration.ofMinutes(3));
            assertEquals("COMPLETED", done.get("status").asText(), done.toString());
            try (Connection db = SourceDatabase.open("hms")) {
                assertEquals(original, DatabaseState.tableHashes(db).get("it_crash_restore"), "same table as at the backup");
            }
        }
    }

    @Test
    void a_backup_killed_early_then_killed_again_after_its_restart_still_ends_with_the_same_package() throws Exception {
        String body = "{\"source\":\"hms\",\"scope\":\"tables:it_crash\",\"chunkRows\":500}";
        try (OwnServer server = new OwnServer("crash-twice-server")) {
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());
            long first = api.post("api/backups", body).json().get("executionId").asLong();
            long done = awaitProgress(api, first, null, 10_000);
            assertTrue(done >= 10_000 && done < 150_000, "first kill early in the table, after " + done + " rows");
            server.kill();
            server.start();
            long second = restartFailed(api, first);
            done = awaitProgress(api, second, null, 250_000);
            assertTrue(done >= 250_000 && done < 400_000, "second kill late in the table, after " + done + " rows");
            server.kill();
            server.start();
            JsonNode resumed = api.awaitJob(restartFailed(api, second), Duration.ofMinutes(3));
            assertEquals("COMPLETED", resumed.get("status").asText(), resumed.toString());
            long read = resumed.get("steps").findValues("read").stream().mapToLong(JsonNode::asLong).sum();
            assertTrue(read < 150_000, "resumed from the second checkpoint, read " + read + " rows again");

            assertSameEntryAsAnUninterruptedBackup(api, body, resumed);
            Path packages = Path.of(System.getProperty("it.data.dir"), "backups", "hms");
            assertFalse(listNames(packages).anyMatch(n -> n.endsWith(".partial")), "no partial file is left");
        }
    }

    @Test
    void a_restore_killed_inside_its_apply_transaction_leaves_the_table_untouched_and_restarts() throws Exception {
        try (OwnServer server = new OwnServer("crash-apply-server")) {
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());
            JsonNode backup = api.awaitJob(api.startBackup("hms", "tables:it_crash_restore"), Duration.ofMinutes(3));
            assertEquals("COMPLETED", backup.get("status").asText(), backup.toString());
            String original;
            try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement()) {
                original = DatabaseState.tableHashes(db).get("it_crash_restore");
                // an emptied table takes the direct path: one COPY inside the apply transaction
                st.execute("TRUNCATE it_crash_restore");
            }
            long id = api.post("api/restores", "{\"backupId\":" + backup.at("/result/backupId").asLong()
                    + ",\"mode\":\"replace\"}").json().get("executionId").asLong();
            long instance = api.get("api/jobs/" + id).json().get("instanceId").asLong();
            long copied = awaitProgress(api, id, "apply", 60_000);
            assertTrue(copied >= 60_000 && copied < 400_000, "killed inside the apply transaction, after " + copied + " rows");
            server.kill();
            server.start();
            try (Connection db = SourceDatabase.open("hms"); Statement st = db.createStatement();
                 java.sql.ResultSet direct = st.executeQuery("SELECT array_agg(table_index) FROM lifeboat_restore_"
                         + instance + ".direct")) {
                assertEquals(0, SourceDatabase.count(db, "public.it_crash_restore"), "the cut-off transaction left no row");
                direct.next();
                // the restarted job (validate does not run again) learns from here that the table is copied in
                assertEquals("{0}", direct.getString(1), "the staging schema records the direct-load table");
            }
            JsonNode done = api.awaitJob(restartFailed(api, id), Duration.ofMinutes(3));
            assertEquals("COMPLETED", done.get("status").asText(), done.toString());
            try (Connection db = SourceDatabase.open("hms")) {
                assertEquals(original, DatabaseState.tableHashes(db).get("it_crash_restore"), "same table as at the backup");
                assertFalse(SourceDatabase.schemaExists(db, "lifeboat_restore_" + instance), "the restore's staging schema is gone");
            }
        }
    }

    /** The state a restore has once its apply step committed: what the tables held at backup, the files removed. */
    private record CommittedRestore(Map<String, String> original, Map<Path, byte[]> files, long executionId,
                                    long instanceId) {}

    /**
     * A full backup of edms; then the data changed and {@code gone} removed; then a replace restore of that backup,
     * waited for until its apply step COMPLETED (the files are placed after that).
     */
    private static CommittedRestore replaceUntilCommitted(LifeboatClient api, Path gone) throws Exception {
        JsonNode backup = api.awaitJob(api.startBackup("edms", "full"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", backup.get("status").asText(), backup.toString());
        Map<String, String> original;
        try (Connection db = SourceDatabase.open("edms"); Statement st = db.createStatement()) {
            original = DatabaseState.tableHashes(db);
            st.execute("DELETE FROM users_userrole; UPDATE users_user SET password = 'lost' WHERE username = 'author01'");
        }
        Map<Path, byte[]> files = contents(gone);
        deleteTree(gone);
        long id = api.post("api/restores", "{\"backupId\":" + backup.at("/result/backupId").asLong()
                + ",\"mode\":\"replace\"}").json().get("executionId").asLong();
        long instance = api.get("api/jobs/" + id).json().get("instanceId").asLong();
        awaitStep(api, id, "apply", "COMPLETED");
        return new CommittedRestore(original, files, id, instance);
    }

    @Test
    void a_restore_killed_after_its_commit_places_the_files_on_restart_and_never_applies_again() throws Exception {
        Path padding = storage("documents/it-crash-place");
        try (OwnServer server = new OwnServer("crash-place-server")) {
            writeFiles(padding, 3000); // enough files that placing them takes seconds
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());
            CommittedRestore restore = replaceUntilCommitted(api, padding);
            Map<String, String> original = restore.original();
            Map<Path, byte[]> files = restore.files();
            long id = restore.executionId();
            long instance = restore.instanceId();
            server.kill();
            try (Connection db = SourceDatabase.open("edms")) {
                assertEquals(original, DatabaseState.tableHashes(db), "the apply step committed before the kill");
            }
            assertTrue(!Files.isDirectory(padding) || contents(padding).size() < files.size(),
                    "killed while the files were being placed");

            server.start();
            JsonNode done = api.awaitJob(restartFailed(api, id), Duration.ofMinutes(3));
            assertEquals("COMPLETED", done.get("status").asText(), done.toString());
            assertEquals(List.of("place-files"), stepNames(done), "the restart only places the files: " + done);
            try (Connection db = SourceDatabase.open("edms")) {
                assertEquals(original, DatabaseState.tableHashes(db), "the data of the package, applied once");
                assertFalse(SourceDatabase.schemaExists(db, "lifeboat_restore_" + instance), "staging schema gone");
            }
            assertSameFiles(files, padding);
            assertEquals(1, restoreRecords(instance), "the restore is recorded once");
        } finally {
            deleteTree(padding);
        }
    }

    @Test
    void placing_blocked_after_the_commit_fails_then_a_restart_places_the_files_without_a_second_apply()
            throws Exception {
        Path padding = storage("documents/it-crash-blocked-padding");
        Path needed = storage("media/it-crash-blocked");
        try (OwnServer server = new OwnServer("crash-blocked-server")) {
            writeFiles(padding, 3000);
            writeFiles(needed, 3);
            server.start();
            LifeboatClient api = LifeboatClient.admin(server.lifeboat());
            CommittedRestore restore = replaceUntilCommitted(api, needed);
            Map<String, String> original = restore.original();
            Map<Path, byte[]> files = restore.files();
            long id = restore.executionId();
            long instance = restore.instanceId();
            Files.writeString(needed, "a file where the restore needs its folder"); // after the folder checks
            JsonNode failed = api.awaitJob(id, Duration.ofMinutes(3));
            assertEquals("FAILED", failed.get("status").asText(), failed.toString());
            assertTrue(failed.get("error").asText().contains("the database restore is committed")
                    && failed.get("error").asText().contains("is a file where the package needs a folder"),
                    failed.toString());
            try (Connection db = SourceDatabase.open("edms")) {
                assertEquals(original, DatabaseState.tableHashes(db), "the data is restored");
            }

            Files.delete(needed);
            LifeboatClient.Reply restart = api.post("api/jobs/" + id + "/restart", "");
            assertEquals(202, restart.status(), restart.body());
            JsonNode done = api.awaitJob(restart.json().get("executionId").asLong(), Duration.ofMinutes(3));
            assertEquals("COMPLETED", done.get("status").asText(), done.toString());
            assertEquals(List.of("place-files"), stepNames(done), "the restart only places the files: " + done);
            try (Connection db = SourceDatabase.open("edms")) {
                assertEquals(original, DatabaseState.tableHashes(db), "the data of the package, applied once");
            }
            assertSameFiles(files, needed);
            assertEquals(1, restoreRecords(instance), "the restore is recorded once");
        } finally {
            deleteTree(padding);
            deleteTree(needed);
        }
    }

    private static Path storage(String relative) {
        return BackupEngineIT.SOURCES.resolve("edms/storage").resolve(relative);
    }

    private static void writeFiles(Path folder, int count) throws Exception {
        Files.createDirectories(folder);
        java.util.Random random = new java.util.Random(count);
        for (int i = 0; i < count; i++) {
            byte[] content = new byte[4096];
            random.nextBytes(content);
            Files.write(folder.resolve("file-" + i + ".bin"), content);
        }
    }

    private static Map<Path, byte[]> contents(Path folder) throws Exception {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.list(folder)) {
            for (Path f : all.toList()) {
                files.put(folder.relativize(f), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<Path, byte[]> expected, Path folder) throws Exception {
        Map<Path, byte[]> actual = contents(folder);
        assertEquals(expected.keySet(), actual.keySet(), "every file in place");
        expected.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, actual.get(name)), name + " differs"));
    }

    private static void deleteTree(Path root) throws Exception {
        if (Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Polls the job until one of its steps shows {@code status}, failing if the job ends first. */
    private static void awaitStep(LifeboatClient api, long executionId, String step, String status) throws Exception {
        for (int i = 0; i < 6000; i++) {
            JsonNode job = api.get("api/jobs/" + executionId).json();
            for (JsonNode s : job.get("steps")) {
                if (step.equals(s.get("name").asText()) && status.equals(s.get("status").asText())) {
                    assertEquals("STARTED", job.get("status").asText(), "the job still runs: " + job);
                    return;
                }
            }
            assertTrue(List.of("STARTING", "STARTED").contains(job.get("status").asText()), job.toString());
            Thread.sleep(20);
        }
        throw new AssertionError("step " + step + " of execution " + executionId + " never showed " + status);
    }

    private static List<String> stepNames(JsonNode job) {
        List<String> names = new java.util.ArrayList<>();
        job.get("steps").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    private static long restoreRecords(long instance) throws Exception {
        try (Connection db = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/lifeboat_test?user=lifeboat&password=lifeboat");
             java.sql.PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM lifeboat_restore WHERE jobinstanceid = ?")) {
            ps.setLong(1, instance);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * After the server came back from a kill: the execution must show FAILED (not stuck in STARTED), and a restart
     * must be accepted; answers the new execution's id.
     */
    private static long restartFailed(LifeboatClient api, long executionId) throws Exception {
        JsonNode after = api.get("api/jobs/" + executionId).json();
        assertEquals("FAILED", after.get("status").asText(), "not stuck in STARTED: " + after);
        LifeboatClient.Reply restart = api.post("api/jobs/" + executionId + "/restart", "");
        assertEquals(202, restart.status(), restart.body());
        return restart.json().get("executionId").asLong();
    }

    /** Backs up the same scope without interruption and compares its it_crash entry with the resumed job's. */
    private static void assertSameEntryAsAnUninterruptedBackup(LifeboatClient api, String body, JsonNode resumed)
            throws Exception {
        JsonNode straight = api.awaitJob(api.post("api/backups", body).json().get("executionId").asLong(),
                Duration.ofMinutes(3));
        assertEquals("COMPLETED", straight.get("status").asText(), straight.toString());
        try (PackageFile a = new PackageFile(Path.of(resumed.at("/result/file").asText()));
             PackageFile b = new PackageFile(Path.of(straight.at("/result/file").asText()))) {
            assertEquals(400_000, a.table("it_crash").get("rows").asLong());
            assertEquals(b.table("it_crash").get("sha256").asText(), a.table("it_crash").get("sha256").asText(),
                    "same table entry as an uninterrupted run");
        }
    }

    /**
     * Polls a job until the rows done for its table (of one step, or of any) reach {@code atLeast}; answers the
     * rows done then. Gives up, answering what it saw, after 30 s or when the job ends.
     */
    private static long awaitProgress(LifeboatClient api, long executionId, String step, long atLeast) throws Exception {
        long done = 0;
        for (int i = 0; i < 600 && done < atLeast; i++) {
            Thread.sleep(50);
            JsonNode job = api.get("api/jobs/" + executionId).json();
            done = 0;
            for (JsonNode t : job.get("tables")) {
                if (step == null || step.equals(t.get("step").asText())) {
                    done = Math.max(done, t.get("done").asLong());
                }
            }
            if (!"STARTED".equals(job.get("status").asText()) && !"STARTING".equals(job.get("status").asText())) {
                break;
            }
        }
        return done;
    }

    private static Stream<String> listNames(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().stream();
        }
    }
}
