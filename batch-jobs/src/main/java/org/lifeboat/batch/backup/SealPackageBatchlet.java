package org.lifeboat.batch.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.time.Instant;
import org.lifeboat.archive.PackageSealer;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.backup.PackageAssembly;
import org.lifeboat.backup.SnapshotRegistry;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.security.PackageSigningKey;

/**
 * Step {@code seal-package}: assembles the package from the work folder ({@link PackageAssembly}), writes it signed
 * under a temporary name, renames it, records it in the catalog and clears the work folder.
 */
@Named
public class SealPackageBatchlet extends AbstractBatchlet {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject
    JobContext job;

    @Inject
    BackupContext context;

    @Inject
    SnapshotRegistry snapshots;

    @Inject
    PackageCatalog catalog;

    @Inject
    LifeboatSettings settings;

    @Inject
    PackageSigningKey signingKey;

    @Override
    public String process() throws Exception {
        BackupPlan plan = context.plan(job.getInstanceId());
        BackupWorkspace workspace = context.workspace(job.getInstanceId());
        Instant completedAt = Instant.now();
        PackageAssembly assembly = PackageAssembly.of(plan, workspace, completedAt);
        Path target = settings.backupDir().resolve(plan.source()).resolve(PackageAssembly.packageName(plan));
        byte[] manifestBytes = JSON.writeValueAsBytes(assembly.manifest());
        Instant createdAt = Instant.parse(plan.createdAt());
        // signed with this server's key: the package stays trusted if it is downloaded and uploaded back
        PackageSealer.Digest sealed = PackageSealer.seal(target, manifestBytes, signingKey.sign(manifestBytes),
                assembly.entries(), createdAt);
        BackupPackage stored = catalog.record(new BackupPackage(plan.source(), plan.scope().toString(), createdAt, completedAt,
                sealed.bytes(), target.toString(), sealed.sha256(), JSON.writeValueAsString(assembly.counts()),
                assembly.totalRows(), job.getInstanceId(), job.getExecutionId(),
                BackupContext.parameters(job).requestedBy()));
        snapshots.release(job.getExecutionId());
        workspace.delete();
        context.forget(job.getInstanceId());
        return "package " + stored.getId() + " " + target;
    }
}
