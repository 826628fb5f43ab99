package org.lifeboat.batch.backup;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.sql.Connection;
import org.lifeboat.archive.Manifest;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.backup.BackupPlanner;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.backup.InvalidScopeException;
import org.lifeboat.backup.SchemaDumper;
import org.lifeboat.backup.SnapshotRegistry;
import org.lifeboat.backup.SnapshotSession;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.BackupJobParameters;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.SourceRegistry;

/**
 * Step {@code snapshot}: exports one PostgreSQL snapshot that every partition reads from, and on the first run
 * plans the backup (tables, key ranges, sequences, schema dump). On a restart the plan is kept and only a new
 * snapshot is taken (the old one died with its transaction); the manifest records both.
 */
@Named
public class TakeSnapshotBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    SourceRegistry sources;

    @Inject
    SnapshotRegistry snapshots;

    @Inject
    BackupContext context;

    @Inject
    LifeboatSettings settings;

    @Override
    public String process() throws Exception {
        BackupJobParameters parameters = BackupContext.parameters(job);
        String source = parameters.source();
        String scope = parameters.scope();
        Profile profile = sources.profile(source);
        BackupScope backupScope = BackupScope.parse(scope);
        Connection holder = sources.dataSource(profile).getConnection();
        String snapshotId;
        try {
            snapshotId = SnapshotSession.export(holder);
        } catch (Exception e) {
            holder.close();
            throw e;
        }
        snapshots.hold(job.getExecutionId(), holder, snapshotId);
        BackupWorkspace workspace = context.workspace(job.getInstanceId());
        BackupPlan plan;
        if (Files.exists(workspace.plan())) {
            plan = context.plan(job.getInstanceId()).withSnapshot(snapshotId);
        } else {
            SchemaCatalog catalog = sources.catalog(profile, holder);
            plan = new BackupPlanner(parameters.splitThresholdRows())
                    .plan(job.getInstanceId(), profile, catalog, backupScope, holder);
            if (plan.tables().isEmpty() && backupScope.includesDatabase()) {
                throw new InvalidScopeException("scope '" + backupScope + "' of source '" + source
                        + "' holds no tables");
            }
            java.util.List<org.lifeboat.source.Table> scopeTables = org.lifeboat.backup.ScopeResolver.tables(profile,
                    catalog, backupScope);
            java.util.List<String> unfaithful = org.lifeboat.backup.UnfaithfulShapes.find(holder, scopeTables);
            if (!unfaithful.isEmpty()) {
                throw new InvalidScopeException(org.lifeboat.backup.UnfaithfulShapes.refusal(unfaithful));
            }
            Manifest.SchemaInfo schema = backupScope.includesSchema()
                    ? SchemaDumper.dump(holder.getMetaData().getURL(), holder.getMetaData().getUserName(),
                            profile.schemas(), SchemaDumper.extensions(holder, profile.schemas()), snapshotId,
                            workspace.schemaDump())
                    : new Manifest.SchemaInfo(false, null, null,
                            "scope " + backupScope + " carries data only; the schema comes with full and database backups");
            if (schema.included()) {
                java.util.List<String> gaps = org.lifeboat.backup.UnfaithfulShapes.newInstanceGaps(holder, scopeTables,
                        profile.schemas());
                gaps.forEach(gap -> java.util.logging.Logger.getLogger(TakeSnapshotBatchlet.class.getName())
                        .warning("backup of source " + source + " (execution " + job.getExecutionId() + "): " + gap));
                schema = schema.withPopulatedViews(org.lifeboat.backup.MaterializedViews.populated(holder,
                        profile.schemas())).withNewInstanceGaps(gaps);
            }
            plan = new BackupPlan(plan.jobInstanceId(), plan.source(), plan.scope(), plan.createdAt(),
                    plan.postgresVersion(), plan.tables(), plan.partitions(), plan.sequences(), schema, java.util.List.of())
                    .withSnapshot(snapshotId);
        }
        context.savePlan(plan);
        return "snapshot " + snapshotId + ", " + plan.tables().size() + " tables in " + plan.partitions().size()
                + " partitions";
    }
}
