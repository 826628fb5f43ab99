package org.lifeboat.batch.restore;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;
import org.lifeboat.jobs.RestoreJobParameters;

/** One partition per package table. */
@Named
public class StagePartitionMapper implements PartitionMapper {

    @Inject
    JobContext job;

    @Inject
    RestoreContext context;

    @Override
    public PartitionPlan mapPartitions() {
        // a package without tables (storage only) still gets one partition, which stages nothing
        RestoreJobParameters p = RestoreContext.parameters(job);
        int tables = context.manifest(job.getInstanceId(), p.backupId()).tables().size();
        int count = Math.max(1, tables);
        Properties[] properties = new Properties[count];
        for (int i = 0; i < count; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("table", Integer.toString(i < tables ? i : -1));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(count);
        plan.setThreads(Math.max(1, Math.min(count, p.threads() == null ? 2 : p.threads())));
        plan.setPartitionProperties(properties);
        return plan;
    }
}
