package org.lifeboat.batch;

import org.lifeboat.logging.LifeboatLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.batch.restore.RestoreContext;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.source.SourceRegistry;

/**
 * Removes what a failed job kept for its restart once it is abandoned and can never restart: a backup's work
 * folder, a restore's staging schema in the target database and its extracted files. A leftover that cannot be
 * removed is logged with its name, and the abandon stands.
 */
@ApplicationScoped
public class JobLeftovers {


    @Inject
    RestoreContext restoreContext;

    @Inject
    SourceRegistry sources;

    @Inject
    LifeboatSettings settings;

    public void removeBackup(long jobInstanceId) {
        delete(BackupWorkspace.of(settings.workDir(), jobInstanceId));
    }

    /**
     * @param datasource the JNDI name of the datasource the restore ran against (its job parameter), so that its
     *                   staging schema is found even when the profile points elsewhere now; null for restores
     *                   started before it was recorded (then the profile's)
     */
    public void removeRestore(long jobInstanceId, String source, String datasource) {
        restoreContext.forget(jobInstanceId);
        delete(new BackupWorkspace(restoreContext.filesFolder(jobInstanceId)));
        if (source == null) {
            return;
        }
        String schema = restoreContext.staging(jobInstanceId).schema();
        try (Connection c = (datasource != null ? sources.dataSource(source, datasource)
                : sources.dataSource(sources.profile(source))).getConnection()) {
            restoreContext.staging(jobInstanceId).drop(c);
        } catch (SQLException | RuntimeException e) {
            LifeboatLog.LOG.stagingSchemaLeft(schema, source, e.getMessage());
        }
    }

    private static void delete(BackupWorkspace folder) {
        try {
            folder.delete();
        } catch (IOException e) {
            LifeboatLog.LOG.workFolderLeft(String.valueOf(folder.root()), e.getMessage());
        }
    }
}
