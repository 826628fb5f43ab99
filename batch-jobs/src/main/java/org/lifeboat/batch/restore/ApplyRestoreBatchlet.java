package org.lifeboat.batch.restore;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.archive.TableEntryStream;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.progress.ProgressTracker;
import org.lifeboat.restore.DirectLoad;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.FileRehydrator;
import org.lifeboat.restore.PackageSchema;
import org.lifeboat.restore.RestoreEngine;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreRecord;
import org.lifeboat.restore.RestoreRecords;
import org.lifeboat.restore.RestoreReport;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.restore.StagingArea;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Step {@code apply}: extracts and checks the files, applies the staged rows to the live tables in ONE
 * transaction (dropping the staging area in it), and only after the commit moves the files into place. A failure
 * before the commit changes nothing and can be retried by restarting the job.
 */
@Named
public class ApplyRestoreBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String backupId;

    @Inject
    @BatchProperty
    String source;

    @Inject
    @BatchProperty
    String mode;

    @Inject
    @BatchProperty
    String restoreStorage;

    @Inject
    @BatchProperty
    String restoreConfiguration;

    @Inject
    @BatchProperty
    String requestedBy;

    @Inject
    @BatchProperty
    String skipShared;

    @Inject
    @BatchProperty
    String importScope;

    @Inject
    @BatchProperty
    String allowUploadedSchema;

    /** A backup-admin asked to restore this package into a source of another name (see RestoresResource). */
    @Inject
    @BatchProperty
    String allowOtherSource;

    @Inject
    RestoreContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    LifeboatSettings settings;

    @Inject
    RestoreRecords records;

    @Inject
    JobErrors errors;

    @Inject
    ProgressTracker progress;

    /** The server's default managed thread factory: the direct load transcodes on one of its threads. */
    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    @Override
    public String process() throws Exception {
        try {
            return apply();
        } catch (Exception | Error e) {
            errors.record(job.getExecutionId(), "apply", e);
            throw e;
        }
    }

    private String apply() throws Exception {
        long id = Long.parseLong(backupId);
        Profile profile = sources.profile(source);
        RestoreMode restoreMode = RestoreMode.parse(mode);
        StagingArea staging = context.staging(job.getInstanceId());
        RestoreReport report;
        List<FileRehydrator.StagedFile> files;
        try (PackageReader pkg = new PackageReader(context.packageFile(id))) {
            Manifest manifest = "true".equals(allowOtherSource) ? pkg.manifest().withSource(profile.source())
                    : pkg.manifest();
            files = FileRehydrator.extract(pkg, manifest, profile, settings.sourcesDir(),
                    context.filesFolder(job.getInstanceId()), Boolean.parseBoolean(restoreStorage),
                    Boolean.parseBoolean(restoreConfiguration));
            try (Connection c = sources.dataSource(profile).getConnection()) {
                c.setAutoCommit(false);
                try {
                    DirectLoad direct = new DirectLoad(context.direct(job.getInstanceId()),
                            entry -> TableEntryStream.open(pkg.open(entry.entry())),
                            (table, rows) -> progress.report(job.getInstanceId(), "apply", table.index(),
                                    table.ref().toString(), rows, table.entry().rows()), threads);
                    PackageSchema schema = PackageSchema.of(DryRun.schemaSql(pkg, manifest), context.trusted(id),
                            Boolean.parseBoolean(allowUploadedSchema));
                    report = RestoreEngine.apply(c, profile, manifest, staging, direct, restoreMode, false, schema,
                            DryRun.baselineSql(profile, restoreMode), Boolean.parseBoolean(skipShared),
                            importScope == null || importScope.isBlank() ? null : BackupScope.parse(importScope));
                    staging.drop(c);
                    c.commit();
                } catch (Exception | Error e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
        int placed = FileRehydrator.place(files);
        if (placed > 0) {
            report.note(placed + " files moved into place after the database commit");
        }
        records.record(new RestoreRecord(job.getInstanceId(), job.getExecutionId(), id, source, restoreMode.toString(),
                requestedBy, RestoreReportJson.toJson(report)));
        new BackupWorkspace(context.filesFolder(job.getInstanceId())).delete();
        context.forget(job.getInstanceId());
        return "restored " + report.tables().size() + " tables";
    }
}
