package org.lifeboat.batch.backup;

import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.BackupJobParameters;

/** Gives the batch artifacts of one backup job instance its work folder and its plan (read once, then cached). */
@ApplicationScoped
public class BackupContext {

    @Inject
    LifeboatSettings settings;

    private final Map<Long, BackupPlan> plans = new ConcurrentHashMap<>();

    /** The job's parameters, as backup.xml's job properties hold them. */
    public static BackupJobParameters parameters(JobContext job) {
        return BackupJobParameters.from(job.getProperties());
    }

    public BackupWorkspace workspace(long jobInstanceId) {
        return BackupWorkspace.of(settings.workDir(), jobInstanceId);
    }

    public BackupPlan plan(long jobInstanceId) {
        return plans.computeIfAbsent(jobInstanceId, id -> {
            try {
                return BackupPlan.read(workspace(id).plan());
            } catch (IOException e) {
                throw new UncheckedIOException("the plan of backup job " + id + " cannot be read: " + e.getMessage(), e);
            }
        });
    }

    public void savePlan(BackupPlan plan) throws IOException {
        plan.write(workspace(plan.jobInstanceId()).plan());
        plans.put(plan.jobInstanceId(), plan);
    }

    public void forget(long jobInstanceId) {
        plans.remove(jobInstanceId);
    }
}
