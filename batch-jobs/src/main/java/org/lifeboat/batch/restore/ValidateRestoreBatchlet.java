package org.lifeboat.batch.restore;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Step {@code validate}: before anything is loaded, re-checks every checksum and count of the package, that it
 * belongs to the target source, and (clean mode) the typed confirmation; then prepares the staging area.
 */
@Named
public class ValidateRestoreBatchlet extends AbstractBatchlet {

    public static final String CONFIRMATION = "RESTORE CLEAN";

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
    String confirm;

    @Inject
    RestoreContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    JobErrors errors;

    @Override
    public String process() throws Exception {
        try {
            long id = Long.parseLong(backupId);
            Profile profile = sources.profile(source);
            RestoreMode restoreMode = RestoreMode.parse(mode);
            if (restoreMode == RestoreMode.CLEAN && !CONFIRMATION.equals(confirm)) {
                throw new RestoreException("a clean restore empties the source first: it needs the confirmation \""
                        + CONFIRMATION + "\" (job parameter confirm)");
            }
            PackageVerifier.Result verified = PackageVerifier.verify(context.packageFile(id));
            if (!verified.ok()) {
                throw new RestoreException("package " + id + " is damaged: " + String.join("; ", verified.problems()));
            }
            Manifest manifest = context.manifest(job.getInstanceId(), id);
            if (!manifest.source().equals(profile.source())) {
                throw new RestoreException("package " + id + " was made from source '" + manifest.source()
                        + "' and cannot be restored into '" + profile.source() + "'");
            }
            try (Connection c = sources.dataSource(profile).getConnection()) {
                context.staging(job.getInstanceId()).create(c, manifest.tables());
            }
            return "package " + id + " verified: " + verified.entriesChecked() + " entries, " + verified.rowsChecked()
                    + " rows";
        } catch (Exception | Error e) {
            errors.record(job.getExecutionId(), "validate", e);
            throw e;
        }
    }
}
