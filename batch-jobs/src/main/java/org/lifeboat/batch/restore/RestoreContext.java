package org.lifeboat.batch.restore;

import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.restore.StagingArea;
import org.lifeboat.source.SourceRegistry;

/**
 * What the artifacts of one restore job instance share: its parameters, package, manifest, staging area and work
 * folder. Nothing a later step needs lives only in this server's memory: the direct-load tables are read from
 * the staging area, the apply step's report from the work folder (the manifest cache is re-read on a miss).
 */
@ApplicationScoped
public class RestoreContext {

    @Inject
    PackageCatalog catalog;

    @Inject
    LifeboatSettings settings;

    @Inject
    SourceRegistry sources;

    private final Map<Long, Manifest> manifests = new ConcurrentHashMap<>();

    /** The job's parameters, as restore.xml's job properties hold them. */
    public static RestoreJobParameters parameters(JobContext job) {
        return RestoreJobParameters.from(job.getProperties());
    }

    public Path packageFile(long backupId) {
        BackupPackage p = catalog.find(backupId).orElseThrow(() -> new IllegalArgumentException(
                "no package with id " + backupId + " in the catalog"));
        return Path.of(p.getFile());
    }

    /** Whether this server wrote the package (its own backup, or an upload carrying its signature). */
    public boolean trusted(long backupId) {
        return catalog.find(backupId).map(BackupPackage::trusted).orElseThrow(() -> new IllegalArgumentException(
                "no package with id " + backupId + " in the catalog"));
    }

    public Manifest manifest(long jobInstanceId, long backupId) {
        return manifests.computeIfAbsent(jobInstanceId, id -> {
            try (PackageReader pkg = new PackageReader(packageFile(backupId))) {
                return pkg.manifest();
            } catch (IOException e) {
                throw new UncheckedIOException("the package " + backupId + " cannot be read: " + e.getMessage(), e);
            }
        });
    }

    public StagingArea staging(long jobInstanceId) {
        return StagingArea.forJob(jobInstanceId);
    }

    /** Storage and configuration files extracted and checked before they are moved into place. */
    public Path filesFolder(long jobInstanceId) {
        return settings.workDir().resolve("restore-" + jobInstanceId);
    }

    /**
     * The tables this job does not stage (copied straight into their empty live tables at apply time), as the
     * validate step recorded them in the job's staging area in the source's database.
     */
    public Set<Integer> direct(long jobInstanceId, String source) throws SQLException {
        try (Connection c = sources.dataSource(sources.profile(source)).getConnection()) {
            return staging(jobInstanceId).directTables(c);
        }
    }

    /** Keeps the apply step's report (JSON) beside the extracted files, on disk before the apply commits. */
    public void saveReport(long jobInstanceId, String json) throws IOException {
        Path file = reportFile(jobInstanceId);
        Files.createDirectories(file.getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(java.nio.ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** The apply step's report, or null when it is not there. */
    public String report(long jobInstanceId) throws IOException {
        Path file = reportFile(jobInstanceId);
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    private Path reportFile(long jobInstanceId) {
        return filesFolder(jobInstanceId).resolve("apply-report.json");
    }

    public void forget(long jobInstanceId) {
        manifests.remove(jobInstanceId);
    }
}
