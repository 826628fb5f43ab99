package org.lifeboat.batch.restore;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.jobs.JobError;
import org.lifeboat.jobs.JobErrors;

/** Audits how each restore execution ended. */
@Named
public class RestoreJobListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    AuditLog audit;

    @Inject
    JobErrors errors;

    @Override
    public void afterJob() {
        Properties p = jakarta.batch.runtime.BatchRuntime.getJobOperator().getParameters(job.getExecutionId());
        boolean failed = job.getBatchStatus() == BatchStatus.FAILED;
        JobError first = errors.first(job.getExecutionId()).orElse(null);
        String error = first == null ? null : first.getMessage();
        // a failure of place-files comes after the commit: the rows are restored, the files are not yet in place
        boolean committed = first != null && "place-files".equals(first.getStep());
        audit.record(AuditEvent.of(p.getProperty("requestedBy"), AuditAction.RESTORE).scope(p.getProperty("mode"))
                        .target(p.getProperty("source")).job(job.getExecutionId()),
                failed ? Outcome.FAIL : job.getBatchStatus() == BatchStatus.STOPPED ? Outcome.STOPPED : Outcome.SUCCESS,
                (failed ? (committed ? "restore committed, its files not placed yet (restart the job): "
                        : "restore failed, nothing changed: ") + error
                        : "restore of package " + p.getProperty("backupId") + " ended " + job.getBatchStatus()));
    }
}
