package org.lifeboat.batch.restore;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.progress.ProgressTracker;
import org.lifeboat.restore.PackageStager;

/** Reads one table entry of the package; checkpoints by line, a restart skips the lines already staged. */
@Named
public class PackageRowReader extends AbstractItemReader {

    static final String STEP = "stage-tables";

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String backupId;

    @Inject
    @BatchProperty
    String table;

    @Inject
    RestoreContext context;

    @Inject
    ProgressTracker progress;

    @Inject
    JobErrors errors;

    private PackageReader pkg;
    private PackageStager rows;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        if (Integer.parseInt(table) < 0 || context.direct(job.getInstanceId()).contains(Integer.parseInt(table))) {
            return; // no table, or one copied straight into its empty live table at apply time
        }
        try {
            long id = Long.parseLong(backupId);
            Manifest.TableEntry entry = context.manifest(job.getInstanceId(), id).tables().get(Integer.parseInt(table));
            long done = checkpoint == null ? 0 : (Long) checkpoint;
            pkg = new PackageReader(context.packageFile(id));
            rows = PackageStager.open(pkg, entry.entry(), done);
            progress.report(job.getInstanceId(), STEP, Integer.parseInt(table), entry.schema() + "." + entry.name(),
                    done, entry.rows());
        } catch (Exception e) {
            errors.record(job.getExecutionId(), STEP, e);
            throw e;
        }
    }

    @Override
    public Object readItem() throws Exception {
        if (rows == null) {
            return null;
        }
        String[] values = rows.next();
        return values == null ? null : new StagedRow(rows.line(), values);
    }

    @Override
    public Serializable checkpointInfo() {
        return rows == null ? 0L : rows.line();
    }

    @Override
    public void close() throws Exception {
        if (rows != null) {
            rows.close();
        }
        if (pkg != null) {
            pkg.close();
        }
    }
}
