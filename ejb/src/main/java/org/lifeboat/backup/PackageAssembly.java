package org.lifeboat.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.FramedPartFile;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageSealer;
import org.lifeboat.config.LifeboatSettings;

/**
 * What a finished backup's work folder becomes: every table's parts counted and checked (an empty table gets a
 * valid empty zstd stream), the files and sealed secrets collected, every entry's digest (those computed on the way
 * reused), and the manifest describing it all; then the package's name. Sealing and cataloguing are the caller's.
 *
 * @param manifest  the package's manifest
 * @param entries   the package's entries in order, from the work folder
 * @param counts    rows per table (schema.name)
 * @param totalRows rows of every table
 */
public record PackageAssembly(Manifest manifest, List<PackageSealer.SourceEntry> entries, Map<String, Long> counts,
                              long totalRows) {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Assembles the package of {@code plan} from its work folder, completed at {@code completedAt}. */
    public static PackageAssembly of(BackupPlan plan, BackupWorkspace workspace, Instant completedAt)
            throws IOException {
        List<PackageSealer.SourceEntry> entries = new ArrayList<>();
        if (plan.schema() != null && plan.schema().included()) {
            entries.add(new PackageSealer.SourceEntry(EntryNames.SCHEMA_ENTRY, List.of(workspace.schemaDump())));
        }
        List<Manifest.TableEntry> tables = new ArrayList<>();
        // digests already computed (tables here, files while they were copied) are not computed again
        Map<String, PackageSealer.Digest> known = new HashMap<>();
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
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, plan.source(), plan.scope().toString(), plan.createdAt(),
                completedAt.toString(), LifeboatSettings.VERSION, plan.postgresVersion(), Manifest.fingerprint(tables),
                new Manifest.Snapshot(plan.snapshotIds(), restarted, restarted
                        ? "the job was restarted: partitions finished before the restart were read from the first "
                        + "snapshot, the others from the later one" : null),
                SnapshotSession.SETTINGS, plan.schema(), tables, plan.sequences(), files.storage(), files.skipped(),
                files.configuration(), files.secrets(), digests);
        return new PackageAssembly(manifest, entries, counts, totalRows);
    }

    /** {@code <source>-<scope>-<UTC time>-<job instance>.lifeboat.tar} (README). */
    public static String packageName(BackupPlan plan) {
        return plan.source() + "-" + plan.scope().label() + "-"
                + STAMP.format(Instant.parse(plan.createdAt())) + "-" + plan.jobInstanceId() + ".lifeboat.tar";
    }
}
