package org.lifeboat.batch.backup;

import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;
import org.lifeboat.backup.BackupPlan;

/** One partition per planned key range (one per table, several for large tables); threads from the job. */
@Named
public class TablePartitionMapper implements PartitionMapper {

    @Inject
    JobContext job;

    @Inject
    BackupContext context;

    @Override
    public PartitionPlan mapPartitions() {
        BackupPlan plan = context.plan(job.getInstanceId());
        int count = plan.partitions().size();
        Properties[] properties = new Properties[count];
        for (int i = 0; i < count; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("partition", Integer.toString(i));
        }
        PartitionPlanImpl partitions = new PartitionPlanImpl();
        partitions.setPartitions(count);
        partitions.setThreads(Math.max(1, Math.min(count, BackupContext.parameters(job).threads())));
        partitions.setPartitionProperties(properties);
        partitions.setPartitionsOverride(false);
        return partitions;
    }
}
