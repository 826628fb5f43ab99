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
import org.lifeboat.jobs.JobErrors;
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
    @BatchProperty
    String compressionLevel;

    @Inject
    BackupContext context;

    @Inject
    ProgressTracker progress;

    @Inject
    JobErrors errors;

    private FramedPartFile part;
    private BackupPlan.PlannedPartition planned;
    private long rows;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        try {
            planned = context.plan(job.getInstanceId()).partitions().get(Integer.parseInt(partition));
            PartCheckpoint from = (PartCheckpoint) checkpoint;
            rows = from == null ? 0 : from.rows();
            part = FramedPartFile.open(context.workspace(job.getInstanceId()).part(planned.index()),
                    from == null ? null : from.offset(), Integer.parseInt(compressionLevel));
        } catch (Exception e) {
            errors.record(job.getExecutionId(), TableRowReader.STEP, e);
            throw e;
        }
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        try {
            List<String[]> batch = new ArrayList<>(items.size());
            items.forEach(item -> batch.add((String[]) item));
            part.appendFrame(batch);
            rows += items.size();
            String table = context.plan(job.getInstanceId()).tableOf(planned).qualifiedName();
            progress.report(job.getInstanceId(), TableRowReader.STEP, planned.index(), table, rows, -1);
        } catch (Exception e) {
            errors.record(job.getExecutionId(), TableRowReader.STEP, e);
            throw e;
        }
    }

    @Override
    public Serializable checkpointInfo() throws Exception {
        return new PartCheckpoint(part.offset(), rows);
    }

    @Override
    public void close() throws Exception {
        if (part != null) {
            part.force();
            part.close();
        }
    }
}
