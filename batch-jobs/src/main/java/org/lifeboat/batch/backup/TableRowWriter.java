package org.lifeboat.batch.backup;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.FramedPartFile;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.progress.ProgressTracker;

/**
 * Appends each chunk of rows to the partition's part file as one zstd frame, and checkpoints the file offset:
 * on restart the file is cut back to the last committed chunk, so no row is written twice.
 */
@Named
public class TableRowWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String partition;

    @Inject
    BackupContext context;

    @Inject
    ProgressTracker progress;

    private FramedPartFile part;
    private BackupPlan.PlannedPartition planned;
    private long rows;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        planned = context.plan(job.getInstanceId()).partitions().get(Integer.parseInt(partition));
        PartCheckpoint from = (PartCheckpoint) checkpoint;
        rows = from == null ? 0 : from.rows();
        part = FramedPartFile.open(context.workspace(job.getInstanceId()).part(planned.index()),
                from == null ? null : from.offset(), BackupContext.parameters(job).compressionLevel());
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<String[]> batch = new ArrayList<>(items.size());
        items.forEach(item -> batch.add((String[]) item));
        part.appendFrame(batch);
        rows += items.size();
        String table = context.plan(job.getInstanceId()).tableOf(planned).qualifiedName();
        progress.report(job.getInstanceId(), TableRowReader.STEP, planned.index(), table, rows, -1);
    }

    @Override
    public Serializable checkpointInfo() throws Exception {
        return new PartCheckpoint(part.checkpoint(), rows); // on disk before JBeret records it
    }

    @Override
    public void close() throws Exception {
        if (part != null) {
            part.force();
            part.close();
        }
    }
}
