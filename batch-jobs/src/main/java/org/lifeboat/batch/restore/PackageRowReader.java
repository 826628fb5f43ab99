package org.lifeboat.batch.restore;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.jobs.RestoreJobParameters;
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
    String table;

    @Inject
    RestoreContext context;

    @Inject
    ProgressTracker progress;

    private PackageReader pkg;
    private PackageStager rows;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        RestoreJobParameters p = RestoreContext.parameters(job);
        int index = Integer.parseInt(table);
        if (index < 0 || context.direct(job.getInstanceId(), p.source()).contains(index)) {
            return; // no table, or one copied straight into its empty live table at apply time
        }
        Manifest.TableEntry entry = context.manifest(job.getInstanceId(), p.backupId()).tables().get(index);
        long done = checkpoint == null ? 0 : (Long) checkpoint;
        pkg = new PackageReader(context.packageFile(p.backupId()));
        rows = PackageStager.open(pkg, entry, done);
        progress.report(job.getInstanceId(), STEP, index, entry.schema() + "." + entry.name(), done, entry.rows());
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
