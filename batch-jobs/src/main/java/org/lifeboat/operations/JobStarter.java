package org.lifeboat.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.batch.JobConflictException;
import org.lifeboat.batch.SourceLease;

/**
 * The one place a job that works on a source is started: under the source's lease (one job per source; a 409 when
 * busy, audited as refused), then audited as started. The services call it once every check has passed.
 */
@ApplicationScoped
public class JobStarter {

    @Inject
    SourceLease lease;

    @Inject
    BatchJobs jobs;

    @Inject
    Gate gate;

    /** Starts {@code job} on {@code source}; returns the execution id. */
    public long start(AuditEvent event, String source, String job, Map<String, String> parameters, String sentence) {
        long executionId;
        try {
            executionId = lease.startExclusive(source, () -> jobs.start(job, parameters));
        } catch (JobConflictException busy) {
            throw gate.refused(event, busy);
        }
        gate.allowed(event.job(executionId), sentence);
        return executionId;
    }
}
