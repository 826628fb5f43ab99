package org.lifeboat.batch.backup;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.backup.BackupPlan;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.backup.CollectedFiles;
import org.lifeboat.backup.FileCollector;
import org.lifeboat.backup.SecretsSealer;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Step {@code export-files}: copies the source's storage roots and configuration files into the work folder
 * (hashing them on the way) and seals its secret files with the server's passphrase. Re-runs from scratch on a
 * restart: copying is idempotent.
 */
@Named
public class CollectFilesBatchlet extends AbstractBatchlet {

    @Inject
    JobContext job;

    @Inject
    BackupContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    LifeboatSettings settings;

    @Override
    public String process() throws Exception {
        BackupPlan plan = context.plan(job.getInstanceId());
        BackupScope scope = plan.scope();
        BackupWorkspace workspace = context.workspace(job.getInstanceId());
        Profile profile = sources.profile(plan.source());
        Path sourcesDir = settings.sourcesDir();
        List<Manifest.StoredFile> storage = new ArrayList<>();
        List<Manifest.SkippedFile> skipped = new ArrayList<>();
        List<Manifest.StoredFile> configuration = new ArrayList<>();
        Manifest.Secrets secrets = null;
        if (scope.includesStorage()) {
            for (Profile.StorageRoot root : profile.storage()) {
                storage.addAll(FileCollector.collectRoot(root.name(), sourcesDir.resolve(root.path()),
                        workspace.files().resolve("storage"), skipped));
            }
        }
        if (scope.includesConfiguration()) {
            for (String file : profile.configuration()) {
                configuration.add(FileCollector.collectFile("configuration", sourcesDir, file,
                        workspace.files().resolve("configuration")));
            }
            if (!profile.secrets().isEmpty()) {
                try (OutputStream out = Files.newOutputStream(workspace.sealedSecrets())) {
                    SecretsSealer.seal(sourcesDir, profile.secrets(), settings.secretsPassphrase(), out);
                }
                secrets = new Manifest.Secrets(SecretsSealer.ENTRY, profile.secrets(), SecretsSealer.ENCRYPTION);
            }
        }
        new CollectedFiles(storage, skipped, configuration, secrets).write(workspace.collectedFiles());
        return storage.size() + " storage files, " + configuration.size() + " configuration files"
                + (secrets == null ? "" : ", " + secrets.files().size() + " secret files (encrypted)");
    }
}
