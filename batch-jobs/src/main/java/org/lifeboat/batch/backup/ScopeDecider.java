package org.lifeboat.batch.backup;

import jakarta.batch.api.Decider;
import jakarta.batch.runtime.StepExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** After the snapshot: {@code TABLES} when the scope has database tables to export, else {@code FILES}. */
@Named
public class ScopeDecider implements Decider {

    @Inject
    JobContext job;

    @Inject
    BackupContext context;

    @Override
    public String decide(StepExecution[] executions) {
        return context.plan(job.getInstanceId()).scope().includesDatabase() ? "TABLES" : "FILES";
    }
}
