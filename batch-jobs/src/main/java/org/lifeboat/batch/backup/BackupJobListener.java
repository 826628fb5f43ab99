package org.lifeboat.batch.backup;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.lifeboat.backup.SnapshotRegistry;

/** Ends the snapshot transaction when a backup execution ends, whatever its outcome. */
@Named
public class BackupJobListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    SnapshotRegistry snapshots;

    @Override
    public void afterJob() {
        snapshots.release(job.getExecutionId());
        // the scope decision's exit value would otherwise become the job's exit status
        if ("TABLES".equals(job.getExitStatus()) || "FILES".equals(job.getExitStatus())) {
            job.setExitStatus(job.getBatchStatus() == jakarta.batch.runtime.BatchStatus.STARTED ? "COMPLETED"
                    : job.getBatchStatus().name());
        }
    }
}
