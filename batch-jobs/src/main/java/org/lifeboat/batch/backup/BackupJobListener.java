package org.lifeboat.batch.backup;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.batch.runtime.BatchStatus;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.Outcome;
import org.lifeboat.backup.SnapshotRegistry;
import org.lifeboat.jobs.BackupJobParameters;

/**
 * Ends the snapshot transaction when a backup execution ends, whatever its outcome, and audits how it ended (with
 * the package made, or the first error).
 */
@Named
public class BackupJobListener extends AbstractJobListener {

    @Inject
    JobContext job;

    @Inject
    SnapshotRegistry snapshots;

    @Inject
    org.lifeboat.audit.AuditLog audit;

    @Inject
    org.lifeboat.jobs.JobErrors errors;

    @Inject
    org.lifeboat.catalog.PackageCatalog catalog;

    @Override
    public void afterJob() {
        snapshots.release(job.getExecutionId());
        // the scope decision's exit value would otherwise become the job's exit status
        if ("TABLES".equals(job.getExitStatus()) || "FILES".equals(job.getExitStatus())) {
            job.setExitStatus(job.getBatchStatus() == jakarta.batch.runtime.BatchStatus.STARTED ? "COMPLETED"
                    : job.getBatchStatus().name());
        }
        audit();
    }

    private void audit() {
        BackupJobParameters parameters;
        try {
            parameters = BackupContext.parameters(job); // who the job ran as, as its steps see it
        } catch (IllegalArgumentException started) { // by hand without a source: the snapshot step said why
            return;
        }
        BatchStatus status = job.getBatchStatus();
        boolean ok = status == BatchStatus.STARTED || status == BatchStatus.COMPLETED;
        String sentence;
        if (ok) {
            sentence = catalog.forJobInstance(job.getInstanceId()).map(b -> "backup ended: package " + b.getId() + ", "
                    + b.getTotalRows() + " rows, " + b.getSizeBytes() + " bytes").orElse("backup ended");
        } else {
            sentence = "backup ended " + status + errors.first(job.getExecutionId())
                    .map(e -> ": " + e.getMessage()).orElse("");
        }
        audit.record(AuditEvent.of(parameters.requestedBy(), AuditAction.BACKUP).scope(parameters.scope())
                        .target(parameters.source()).job(job.getExecutionId()),
                ok ? Outcome.SUCCESS : status == BatchStatus.STOPPED ? Outcome.STOPPED : Outcome.FAIL, sentence);
    }
}
