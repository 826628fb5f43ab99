package org.lifeboat.batch.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.FramedPartFile;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageSealer;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.backup.CollectedFiles;
import org.lifeboat.backup.SnapshotRegistry;
import org.lifeboat.backup.SnapshotSession;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.JobErrors;

/**
 * Step {@code seal-package}: checks and counts every part, writes the manifest and the package under a
 * temporary name, renames it, records it in the catalog and clears the work folder.
 */
@Named
public class SealPackageBatchlet extends AbstractBatchlet {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String requestedBy;

    @Inject
    BackupContext context;

    @Inject
    SnapshotRegistry snapshots;

    @Inject
    PackageCatalog catalog;

    @Inject
    LifeboatSettings settings;

    @Inject
    JobErrors errors;

    @Inject
    org.lifeboat.schedule.RetentionService retention;

    @Inject
    org.lifeboat.security.PackageSigningKey signingKey;

    @Override
    public String process() throws Exception {
        try {
            return seal();
        } catch (Exception | Error e) {
            errors.record(job.getExecutionId(), "seal-package", e);
            throw e;
        }
    }

    private String seal() throws Exception {
        BackupPlan plan = context.plan(job.getInstanceId());
        BackupWorkspace workspace = context.workspace(job.getInstanceId());
        List<PackageSealer.SourceEntry> entries = new ArrayList<>();
        if (plan.schema() != null && plan.schema().included()) {
            entries.add(new PackageSealer.SourceEntry(EntryNames.SCHEMA_ENTRY, List.of(workspace.schemaDump())));
        }
        List<Manifest.TableEntry> tables = new ArrayList<>();
        // digests already computed (tables here, files while they were copied) are not computed again
        Map<String, PackageSealer.Digest> known = new java.util.HashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long totalRows = 0;
        for (int t = 0; t < plan.tables().size(); t++) {
            BackupPlan.PlannedTable table = plan.tables().get(t);
            List<Path> parts = new ArrayList<>();
            long rows = 0;
            for (BackupPlan.PlannedPartition partition : plan.partitions()) {
                if (partition.table() == t) {
                    Path part = workspace.part(partition.index());
                    rows += FramedPartFile.countRows(part);
                    parts.add(part);
                }
            }
            int partitions = parts.size();
            if (rows == 0 && parts.stream().allMatch(part -> part.toFile().length() == 0)) {
                // an empty table's entry is still a valid zstd stream (docs/FORMAT.md)
                parts = List.of(FramedPartFile.writeEmpty(workspace.part(plan.partitions().size() + t)
                        .resolveSibling("empty-table-" + t + ".jsonl.zst")));
            }
            PackageSealer.SourceEntry entry = new PackageSealer.SourceEntry(table.entry(), parts);
            PackageSealer.Digest digest = PackageSealer.digest(entry);
            known.put(entry.name(), digest);
            entries.add(entry);
            tables.add(new Manifest.TableEntry(table.schema(), table.name(), table.entry(), table.columns(),
                    table.primaryKey(), rows, digest.sha256(), digest.bytes(), partitions));
            counts.put(table.qualifiedName(), rows);
            totalRows += rows;
        }
        CollectedFiles files = CollectedFiles.read(workspace.collectedFiles());
        for (Manifest.StoredFile f : files.storage()) {
            if (f.sha256() != null) {
                known.put(f.entry(), new PackageSealer.Digest(f.sha256(), f.bytes()));
            }
            entries.add(f.link() != null ? new PackageSealer.SourceEntry(f.entry(), List.of(), f.link())
                    : new PackageSealer.SourceEntry(f.entry(),
                            List.of(workspace.files().resolve("storage").resolve(f.root()).resolve(f.path()))));
        }
        for (Manifest.StoredFile f : files.configuration()) {
            known.put(f.entry(), new PackageSealer.Digest(f.sha256(), f.bytes()));
            entries.add(new PackageSealer.SourceEntry(f.entry(),
                    List.of(workspace.files().resolve("configuration").resolve(f.path()))));
        }
        if (files.secrets() != null) {
            entries.add(new PackageSealer.SourceEntry(files.secrets().entry(), List.of(workspace.sealedSecrets())));
        }
        List<Manifest.Entry> digests = new ArrayList<>();
        for (PackageSealer.SourceEntry entry : entries) {
            if (entry.linkTarget() != null) {
                continue;
            }
            PackageSealer.Digest digest = known.containsKey(entry.name()) ? known.get(entry.name())
                    : PackageSealer.digest(entry);
            digests.add(new Manifest.Entry(entry.name(), digest.sha256(), digest.bytes()));
        }
        boolean restarted = plan.snapshotIds().size() > 1;
        Instant createdAt = Instant.parse(plan.createdAt());
        Instant completedAt = Instant.now();
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, plan.source(), plan.scope(), plan.createdAt(),
                completedAt.toString(), LifeboatSettings.VERSION, plan.postgresVersion(), Manifest.fingerprint(tables),
                new Manifest.Snapshot(plan.snapshotIds(), restarted, restarted
                        ? "the job was restarted: partitions finished before the restart were read from the first "
                        + "snapshot, the others from the later one" : null),
                SnapshotSession.SETTINGS, plan.schema(), tables, plan.sequences(), files.storage(), files.skipped(),
                files.configuration(), files.secrets(), digests);
        String name = plan.source() + "-" + BackupScope.parse(plan.scope()).label() + "-" + STAMP.format(createdAt)
                + "-" + plan.jobInstanceId() + ".lifeboat.tar";
        Path target = settings.backupDir().resolve(plan.source()).resolve(name);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        // signed with this server's key: the package stays trusted if it is downloaded and uploaded back
        PackageSealer.Digest sealed = PackageSealer.seal(target, manifestBytes, signingKey.sign(manifestBytes),
                entries, createdAt);
        BackupPackage stored = catalog.record(new BackupPackage(plan.source(), plan.scope(), createdAt, completedAt,
                sealed.bytes(), target.toString(), sealed.sha256(), JSON.writeValueAsString(counts), totalRows,
                job.getInstanceId(), job.getExecutionId(), requestedBy));
        snapshots.release(job.getExecutionId());
        try {
            retention.apply(plan.source(), "retention");
        } catch (RuntimeException e) {
            // the package is safe; a retention problem is audited by the service and must not fail the backup
            java.util.logging.Logger.getLogger(getClass().getName()).warning("LIFEBOAT-003 retention of "
                    + plan.source() + " failed: " + e.getMessage());
        }
        workspace.delete();
        context.forget(job.getInstanceId());
        return "package " + stored.getId() + " " + target;
    }
}
