package org.lifeboat.batch;

import jakarta.batch.api.listener.AbstractStepListener;
import jakarta.batch.operations.BatchRuntimeException;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.lifeboat.jobs.JobErrors;

/**
 * Records why a step failed, for every step of backup.xml and restore.xml: after the step, the exception JBeret
 * holds for it (a partitioned step's first failed partition's) becomes the execution's error sentence
 * ({@link JobErrors}), under the step's name.
 */
@Named
public class StepErrorListener extends AbstractStepListener {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Inject
    JobErrors errors;

    @Override
    public void afterStep() {
        Exception failure = step.getException();
        if (failure != null) {
            errors.record(job.getExecutionId(), step.getStepName(), unwrap(failure));
        }
    }

    /** JBeret wraps an Error (and a few failures of its own) in a BatchRuntimeException that only repeats it. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof BatchRuntimeException && t.getCause() != null && t.getCause() != t
                && (t.getMessage() == null || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        return t;
    }
}
