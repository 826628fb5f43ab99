package org.lifeboat.batch.restore;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;
import org.lifeboat.audit.AuditLog;
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
        String error = errors.first(job.getExecutionId()).map(JobError::getMessage).orElse(null);
        audit.record(p.getProperty("requestedBy"), "RESTORE", p.getProperty("mode"), p.getProperty("source"),
                failed ? AuditLog.FAILED : job.getBatchStatus() == BatchStatus.STOPPED ? "STOPPED" : AuditLog.ALLOWED,
                null, job.getExecutionId(), (failed ? "restore failed, nothing changed: " + error
                        : "restore of package " + p.getProperty("backupId") + " ended " + job.getBatchStatus()));
    }
}
