package org.lifeboat.batch.backup;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.backup.SnapshotRegistry;
import org.lifeboat.backup.SnapshotSession;
import org.lifeboat.backup.TableCursor;
import org.lifeboat.progress.ProgressTracker;
import org.lifeboat.source.SourceRegistry;

/**
 * Reads one partition's rows from the backup's snapshot, in key order, and checkpoints by last key: a restart
 * continues right after the last row whose chunk was committed.
 */
@Named
public class TableRowReader extends AbstractItemReader {

    static final String STEP = "export-tables";
    private static final long EXACT_COUNT_LIMIT = 2_000_000L;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String partition;

    @Inject
    BackupContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    SnapshotRegistry snapshots;

    @Inject
    ProgressTracker progress;

    private Connection connection;
    private TableCursor cursor;
    private String[] lastKey;
    private long rows;
    private boolean keyed;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        BackupPlan plan = context.plan(job.getInstanceId());
        BackupPlan.PlannedPartition part = plan.partitions().get(Integer.parseInt(partition));
        BackupPlan.PlannedTable table = plan.tableOf(part);
        connection = sources.dataSource(sources.profile(plan.source())).getConnection();
        SnapshotSession.attach(connection, snapshots.snapshotId(job.getExecutionId()));
        keyed = !table.primaryKey().isEmpty();
        RowCheckpoint from = (RowCheckpoint) checkpoint;
        lastKey = from == null ? null : from.lastKey();
        rows = from == null ? 0 : from.rows();
        long total = table.estimatedRows() < EXACT_COUNT_LIMIT || part.lowerBound() != null
                || part.upperBound() != null
                ? TableCursor.count(connection, table, part) : table.estimatedRows();
        progress.report(job.getInstanceId(), STEP, part.index(), table.qualifiedName(), rows, total);
        cursor = TableCursor.open(connection, table, part, lastKey, rows, 5_000);
    }

    @Override
    public Object readItem() throws Exception {
        String[] row = cursor.next();
        if (row == null) {
            return null;
        }
        if (keyed) {
            lastKey = cursor.keyOf(row);
        }
        rows++;
        return row;
    }

    @Override
    public Serializable checkpointInfo() {
        return new RowCheckpoint(lastKey, rows);
    }

    @Override
    public void close() throws Exception {
        try {
            if (cursor != null) {
                cursor.close();
            }
        } finally {
            if (connection != null) {
                SnapshotSession.end(connection);
                connection.close();
            }
        }
    }
}
