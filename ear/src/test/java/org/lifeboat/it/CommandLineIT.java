package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code bin/lifeboat} as a script runs it: the built jar ({@code bin/cli/target/lifeboat-cli.jar}) started as a
 * process against the test server, judged by its exit code and what it prints.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CommandLineIT {

    private static final Pattern EXECUTION = Pattern.compile("execution (\\d+)");

    /** A CT1 package of hms, made once by the first test that needs it (any order works). */
    private static Long ct1Package;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    /** What one run of the command line left: its exit code, stdout, and stderr. */
    record Run(int exitCode, String stdout, String stderr) {
        /** Both streams, for assertions on what a person would read. */
        String output() {
            return stdout + stderr;
        }

        JsonNode json() {
            try {
                return LifeboatClient.JSON.readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exitCode + "): " + output(), e);
            }
        }
    }

    private String url() {
        return base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat";
    }

    private LifeboatClient api() {
        return LifeboatClient.admin(URI.create(url() + "/"));
    }

    /** The jar the reactor built before the EAR: ear.path is <repo>/ear/target/lifeboat.ear. */
    private static Path jar() {
        Path repo = Path.of(System.getProperty("ear.path")).toAbsolutePath().getParent().getParent().getParent();
        Path jar = repo.resolve("bin/cli/target/lifeboat-cli.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: build it with mvn -f bin/cli/pom.xml package");
        return jar;
    }

    private Run lifeboat(String stdin, String user, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar().toString(), "--url", url(), "--user", user, "--password", password));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> stdout = read(process.getInputStream());
        CompletableFuture<String> stderr = read(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("lifeboat " + String.join(" ", args) + " did not end within 2 minutes");
        }
        return new Run(process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> new Thread(task, "lifeboat-cli-output").start()); // own thread: the common pool may be 1 wide
    }

    private Run admin(String... args) throws Exception {
        return lifeboat(null, "admin", "admin-demo", args);
    }

    private synchronized long ct1Package() throws Exception {
        if (ct1Package == null) {
            Run backup = admin("--json", "backup", "hms", "--scope", "subsystem:CT1", "--wait");
            assertEquals(0, backup.exitCode(), backup.output());
            assertEquals("COMPLETED", backup.json().get("status").asText(), backup.output());
            ct1Package = backup.json().at("/result/backupId").asLong();
        }
        return ct1Package;
    }

    private long newestExecution() throws Exception {
        JsonNode jobs = api().get("api/jobs?limit=1").json();
        return jobs.isEmpty() ? 0 : jobs.get(0).get("executionId").asLong();
    }

    private static Map<String, String> hmsHashes() throws Exception {
        try (Connection c = SourceDatabase.open("hms")) {
            return DatabaseState.tableHashes(c);
        }
    }

    @Test
    void a_backup_with_wait_follows_its_job_to_COMPLETED_and_the_package_is_listed() throws Exception {
        Run backup = admin("backup", "hms", "--scope", "subsystem:CT1", "--wait");
        assertEquals(0, backup.exitCode(), backup.output());
        assertTrue(backup.output().contains("COMPLETED"), backup.output());
        assertTrue(backup.output().contains("public.patients"), "a progress line per table: " + backup.output());
        Matcher execution = EXECUTION.matcher(backup.output());
        assertTrue(execution.find(), backup.output());

        Run list = admin("--json", "list", "--source", "hms");
        assertEquals(0, list.exitCode(), list.output());
        JsonNode listed = null;
        for (JsonNode p : list.json()) {
            if (p.path("jobExecutionId").asLong() == Long.parseLong(execution.group(1))) {
                listed = p;
            }
        }
        assertTrue(listed != null, "execution " + execution.group(1) + " in " + list.output());
        assertEquals("subsystem:CT1", listed.get("scope").asText());
        assertEquals("hms", listed.get("source").asText());

        Run table = admin("list", "--source", "hms");
        assertEquals(0, table.exitCode(), table.output());
        assertTrue(table.stdout().startsWith("ID"), table.output());
        assertTrue(table.output().contains("subsystem:CT1"), table.output());
    }

    @Test
    void verify_exits_0_for_an_intact_package_and_6_with_the_servers_sentence_for_an_unknown_one() throws Exception {
        Run intact = admin("verify", String.valueOf(ct1Package()));
        assertEquals(0, intact.exitCode(), intact.output());
        assertTrue(intact.output().contains("is intact"), intact.output());

        Run unknown = admin("verify", "987654321");
        assertEquals(6, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("no such backup: no package with id 987654321"), unknown.output());
    }

    @Test
    void the_repository_commands_verify_copy_rescan_and_fetch_through_the_offsite_store() throws Exception {
        long id = ct1Package(); // hms packages are copied to 'offsite' after their backup
        Run verify = admin("verify", String.valueOf(id), "--repository", "offsite");
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("package " + id + " in offsite is intact"), verify.output());
        Run copy = admin("copy", String.valueOf(id), "--repository", "offsite");
        assertEquals(0, copy.exitCode(), copy.output());
        assertTrue(copy.output().contains("package " + id + " in offsite: verified as packages/hms/"), copy.output());
        Run rescan = admin("rescan", "offsite");
        assertEquals(0, rescan.exitCode(), rescan.output());
        assertTrue(rescan.output().contains("already known"), rescan.output());
        Run fetch = admin("fetch", String.valueOf(id), "--repository", "offsite");
        assertEquals(0, fetch.exitCode(), fetch.output());
        assertTrue(fetch.output().contains("package " + id + " is on the server: "), fetch.output());
        Run both = admin("fetch", String.valueOf(id), "--repository", "offsite", "--passphrase-file", "/dev/null",
                "--private-key", "/dev/null");
        assertEquals(1, both.exitCode(), both.output());
        Run unknown = admin("copy", String.valueOf(id), "--repository", "nowhere");
        assertEquals(6, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("repository nowhere is not an s3 repository"), unknown.output());
    }

    @Test
    void status_prints_a_verdict_per_source_and_exits_7_when_one_is_not_protected() throws Exception {
        admin("backup", "hms", "--scope", "database", "--wait"); // copied to offsite: protected
        Run status = admin("status");
        assertTrue(status.stdout().startsWith("SOURCE"), status.output());
        assertTrue(status.output().matches("(?s).*\\bhms +PROTECTED\\b.*"), status.output());
        Run json = admin("--json", "status");
        boolean allProtected = "PROTECTED".equals(json.json().get("verdict").asText());
        assertEquals(allProtected ? 0 : 7, status.exitCode(), status.output());
        assertEquals(status.exitCode(), json.exitCode());
        // edms packages are copied nowhere in the suite: edms is never protected, so the exit code is 7
        assertFalse(allProtected, json.output());
    }

    @Test
    void jobs_lists_the_recent_executions() throws Exception {
        ct1Package();
        Run jobs = admin("jobs", "--limit", "5");
        assertEquals(0, jobs.exitCode(), jobs.output());
        assertTrue(jobs.stdout().startsWith("EXECUTION"), jobs.output());
        assertTrue(jobs.output().contains("COMPLETED"), jobs.output());
        Run json = admin("--json", "jobs", "--limit", "5");
        assertEquals(0, json.exitCode(), json.output());
        assertTrue(json.json().size() >= 1 && json.json().size() <= 5, json.output());
    }

    @Test
    void a_merge_dry_run_prints_the_report_table_and_changes_nothing() throws Exception {
        long id = ct1Package();
        Map<String, String> before = hmsHashes();
        Run dryRun = admin("restore", String.valueOf(id), "--mode", "merge", "--dry-run");
        assertEquals(0, dryRun.exitCode(), dryRun.output());
        assertTrue(dryRun.output().contains("nothing was changed"), dryRun.output());
        assertTrue(dryRun.output().matches("(?s).*TABLE +ROWS +INSERTED +UPDATED +DELETED.*"), dryRun.output());
        assertTrue(dryRun.output().contains("public.patients"), dryRun.output());
        assertEquals(before, hmsHashes());
    }

    @Test
    void a_clean_restore_without_confirm_is_refused_and_starts_nothing() throws Exception {
        long id = ct1Package();
        long newest = newestExecution();
        Run clean = admin("restore", String.valueOf(id), "--mode", "clean");
        assertEquals(2, clean.exitCode(), clean.output());
        assertTrue(clean.output().contains("refused"), clean.output());
        assertEquals(newest, newestExecution(), "no job was started");
    }

    @Test
    void a_clean_restore_is_refused_unless_RESTORE_CLEAN_is_typed() throws Exception {
        long id = ct1Package();
        long newest = newestExecution();
        Run clean = lifeboat("restore clean\n", "admin", "admin-demo", "restore", String.valueOf(id), "--with-reinit",
                "--confirm");
        assertEquals(2, clean.exitCode(), clean.output());
        assertTrue(clean.output().contains("Type RESTORE CLEAN to empty hms"), clean.output());
        assertTrue(clean.output().contains("refused"), clean.output());
        assertEquals(newest, newestExecution(), "no job was started");
    }

    @Test
    void an_operator_may_not_run_a_replace_restore() throws Exception {
        long id = ct1Package();
        long newest = newestExecution();
        Run replace = lifeboat(null, "operator", "operator-demo", "restore", String.valueOf(id), "--mode", "replace");
        assertEquals(2, replace.exitCode(), replace.output());
        assertTrue(replace.output().contains("only a backup-admin"), replace.output());
        assertEquals(newest, newestExecution(), "no job was started");
    }

    @Test
    void a_downloaded_package_file_is_uploaded_and_merged_back() throws Exception {
        long id = ct1Package();
        Path folder = Files.createTempDirectory("lifeboat-cli-it");
        Run download = admin("download", String.valueOf(id), "-o", folder.toString());
        assertEquals(0, download.exitCode(), download.output());
        List<Path> files;
        try (var listing = Files.list(folder)) {
            files = listing.toList();
        }
        assertEquals(1, files.size(), "one file, no .partial: " + files);
        Path file = files.get(0);
        assertTrue(file.getFileName().toString().matches("hms-subsystem-CT1-\\d{8}T\\d{6}Z-\\d+\\.lifeboat\\.tar"),
                file.toString());

        Map<String, String> before = hmsHashes();
        Run restore = admin("restore", file.toString(), "--mode", "merge", "--wait");
        assertEquals(0, restore.exitCode(), restore.output());
        assertTrue(restore.output().contains("uploaded " + file), restore.output());
        assertTrue(restore.output().contains("COMPLETED"), restore.output());
        assertTrue(restore.output().contains("public.patients"), "the restore's counts: " + restore.output());
        assertEquals(before, hmsHashes(), "merging the package of unchanged tables changes nothing");
    }

    @Test
    void watching_a_finished_execution_exits_0_at_once() throws Exception {
        long id = ct1Package();
        long execution = api().get("api/backups/" + id).json().get("jobExecutionId").asLong();
        Run watch = admin("watch", String.valueOf(execution));
        assertEquals(0, watch.exitCode(), watch.output());
        assertTrue(watch.output().contains("execution " + execution + " COMPLETED"), watch.output());
        assertTrue(watch.output().contains("package " + id), watch.output());
    }

    @Test
    void stop_and_abandon_name_the_conflict_when_the_execution_is_already_finished() throws Exception {
        long id = ct1Package();
        long execution = api().get("api/backups/" + id).json().get("jobExecutionId").asLong();
        Run stop = admin("stop", String.valueOf(execution));
        assertEquals(6, stop.exitCode(), stop.output());
        assertTrue(stop.output().contains("job state conflict"), stop.output());

        Run unknown = admin("abandon", "987654321");
        assertEquals(6, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("no such job execution"), unknown.output());
    }
}
