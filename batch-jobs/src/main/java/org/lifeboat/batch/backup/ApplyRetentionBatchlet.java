package org.lifeboat.batch.backup;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.lifeboat.logging.LifeboatLog;
import org.lifeboat.schedule.RetentionService;

/**
 * Step {@code apply-retention}, after the package is sealed and catalogued: applies the source's retention policy
 * (each deletion audited by the service). The package is safe by then, so a retention problem is logged
 * ({@code LIFEBOAT003}) and never fails the backup.
 */
@Named
public class ApplyRetentionBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    RetentionService retention;

    @Override
    public String process() {
        String source = BackupContext.parameters(job).source();
        try {
            List<String> deleted = retention.apply(source, "retention");
            return deleted.size() + " packages deleted by retention";
        } catch (RuntimeException e) {
            LifeboatLog.LOG.retentionFailed(source, e.getMessage());
            return "retention failed: " + e.getMessage();
        }
    }
}
