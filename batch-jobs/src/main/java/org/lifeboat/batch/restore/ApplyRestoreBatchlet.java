package org.lifeboat.batch.restore;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.archive.TableEntryStream;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.progress.ProgressTracker;
import org.lifeboat.restore.DirectLoad;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.FileRehydrator;
import org.lifeboat.restore.PackageSchema;
import org.lifeboat.restore.RestoreEngine;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreReport;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.restore.StagingArea;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Step {@code apply}: extracts and checks the files into the job's work folder, then applies the staged rows to
 * the live tables in ONE transaction, which also drops the staging tables and marks the area applied. A failure
 * before the commit changes nothing and can be retried by restarting the job; after the commit the step never
 * applies again (a restart finds the mark), and {@code place-files} moves the files into place.
 */
@Named
public class ApplyRestoreBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    RestoreContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    LifeboatSettings settings;

    @Inject
    ProgressTracker progress;

    /** The server's default managed thread factory: the direct load transcodes on one of its threads. */
    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    @Override
    public String process() throws Exception {
        RestoreJobParameters p = RestoreContext.parameters(job);
        Profile profile = sources.profile(p.source());
        RestoreMode restoreMode = RestoreMode.parse(p.mode());
        StagingArea staging = context.staging(job.getInstanceId());
        try (PackageReader pkg = new PackageReader(context.packageFile(p.backupId()));
             Connection c = sources.dataSource(profile).getConnection()) {
            if (staging.applied(c)) {
                // cut off after its commit, before the job repository recorded it: the data is in already
                return "applied by an earlier execution";
            }
            Manifest manifest = p.allowOtherSource() ? pkg.manifest().withSource(profile.source()) : pkg.manifest();
            FileRehydrator.extract(pkg, manifest, profile,
                    settings.sourcesDir(), context.filesFolder(job.getInstanceId()), p.restoreStorage(),
                    p.restoreConfiguration());
            RestoreReport report;
            c.setAutoCommit(false);
            try {
                DirectLoad direct = new DirectLoad(staging.directTables(c),
                        entry -> TableEntryStream.open(pkg.open(entry.entry())),
                        (table, rows) -> progress.report(job.getInstanceId(), "apply", table.index(),
                                table.ref().toString(), rows, table.entry().rows()), threads);
                PackageSchema schema = PackageSchema.of(DryRun.schemaSql(pkg, manifest), context.trusted(p.backupId()),
                        p.allowUploadedSchema());
                report = RestoreEngine.apply(c, profile, manifest, staging, direct, restoreMode, false, schema,
                        DryRun.baselineSql(profile, restoreMode), p.skipShared(),
                        p.isImport() ? BackupScope.parse(p.importScope()) : null);
                staging.markApplied(c, manifest.tables().size(), job.getExecutionId());
                context.saveReport(job.getInstanceId(), RestoreReportJson.toJson(report));
                c.commit();
            } catch (Exception | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return "restored " + report.tables().size() + " tables";
        }
    }
}
