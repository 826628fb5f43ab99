package org.lifeboat.batch.restore;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreRecord;
import org.lifeboat.restore.RestoreRecords;
import org.lifeboat.restore.RestoreReport;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.source.SourceRegistry;

/** Step {@code dry-run} of job {@code dry-run}: the rehearsal {@link DryRun} does, its report kept as the result. */
@Named
public class DryRunBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    PackageCatalog catalog;

    @Inject
    SourceRegistry sources;

    @Inject
    DryRun dryRun;

    @Inject
    RestoreRecords records;

    @Override
    public String process() throws Exception {
        RestoreJobParameters p = RestoreJobParameters.from(BatchRuntime.getJobOperator()
                .getParameters(job.getExecutionId()));
        BackupPackage pkg = catalog.find(p.backupId()).orElseThrow(() -> new RestoreException("package "
                + p.backupId() + " is no longer catalogued"));
        RestoreReport report = dryRun.run(Path.of(pkg.getFile()), sources.profile(p.source()),
                RestoreMode.parse(p.mode()), pkg.trusted(), p.allowUploadedSchema(), p.allowOtherSource());
        records.record(new RestoreRecord(job.getInstanceId(), job.getExecutionId(), p.backupId(), p.source(),
                p.mode(), p.requestedBy(), RestoreReportJson.toJson(report)));
        return report.ok() ? "COMPLETED" : "PROBLEMS";
    }
}
