package org.lifeboat.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.lifeboat.archive.Manifest;

/**
 * What one backup job exports, fixed when the job first runs and kept in its work folder, so a restarted job
 * exports the same tables in the same partitions and its package has the same entries.
 */
public record BackupPlan(long jobInstanceId, String source, BackupScope scope, String createdAt, String postgresVersion,
                         List<PlannedTable> tables, List<PlannedPartition> partitions,
                         List<Manifest.SequenceValue> sequences, Manifest.SchemaInfo schema,
                         List<String> snapshotIds) {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A table to export; {@code keyTypes} are the primary key columns' types, used as cast targets. */
    public record PlannedTable(String schema, String name, String entry, List<Manifest.ColumnInfo> columns,
                               List<String> primaryKey, List<String> keyTypes, long estimatedRows) {
        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /**
     * One partition: a key range of one table. Bounds are text values of the first key column: lower inclusive,
     * upper exclusive, {@code null} for open.
     */
    public record PlannedPartition(int index, int table, int part, String lowerBound, String upperBound) {}

    public PlannedTable tableOf(PlannedPartition partition) {
        return tables.get(partition.table());
    }

    public BackupPlan withSnapshot(String snapshotId) {
        List<String> ids = new java.util.ArrayList<>(snapshotIds == null ? List.of() : snapshotIds);
        ids.add(snapshotId);
        return new BackupPlan(jobInstanceId, source, scope, createdAt, postgresVersion, tables, partitions, sequences,
                schema, ids);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static BackupPlan read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BackupPlan.class);
    }
}
