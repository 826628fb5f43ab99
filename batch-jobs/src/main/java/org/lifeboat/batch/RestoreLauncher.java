package org.lifeboat.batch;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.restore.RestoreMode;

/**
 * Starts a restore job for the REST API and the console alike, once the caller has decided the user may run this
 * mode (and, for clean, checked the typed confirmation). Refuses while another job works on the source.
 */
@Stateless
public class RestoreLauncher {

    public static final String CONFIRMATION = "RESTORE CLEAN";

    @Inject
    BatchJobs jobs;

    @Inject
    SourceLease lease;

    @Inject
    AuditLog audit;

    @Inject
    org.lifeboat.source.SourceRegistry sources;

    public long start(BackupPackage p, String source, RestoreMode mode, boolean restoreStorage,
                      boolean restoreConfiguration, String user) {
        return start(p, source, mode, restoreStorage, restoreConfiguration, false, user);
    }

    /**
     * @param allowUploadedSchema a backup-admin allowed the schema SQL of this unsigned upload to run (filtered) if
     *                            the database is empty; the caller has checked Permissions.mayRunUploadedSchema
     */
    public long start(BackupPackage p, String source, RestoreMode mode, boolean restoreStorage,
                      boolean restoreConfiguration, boolean allowUploadedSchema, String user) {
        return start(p, source, mode, restoreStorage, restoreConfiguration, allowUploadedSchema, false, user);
    }

    /**
     * @param allowOtherSource a backup-admin restores the package into {@code source}, another than its own; the
     *                         caller has checked Permissions.mayRestoreIntoOtherSource
     */
    public long start(BackupPackage p, String source, RestoreMode mode, boolean restoreStorage,
                      boolean restoreConfiguration, boolean allowUploadedSchema, boolean allowOtherSource,
                      String user) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("backupId", p.getId().toString());
        parameters.put("source", source);
        parameters.put("mode", mode.toString());
        if (mode == RestoreMode.CLEAN) {
            parameters.put("confirm", CONFIRMATION);
        }
        parameters.put("restoreStorage", String.valueOf(restoreStorage));
        parameters.put("restoreConfiguration", String.valueOf(restoreConfiguration));
        boolean schemaAllowed = allowUploadedSchema && !p.trusted();
        if (schemaAllowed) {
            parameters.put("allowUploadedSchema", "true");
        }
        boolean otherSource = allowOtherSource && !p.getSource().equals(source);
        if (otherSource) {
            parameters.put("allowOtherSource", "true");
        }
        // kept so that an abandon finds the staging schema even if the profile points elsewhere by then
        parameters.put("datasource", sources.profile(source).datasource());
        parameters.put("requestedBy", user);
        long executionId = lease.startExclusive(source, () -> jobs.start("restore", parameters));
        audit.record(user, "RESTORE", mode.toString(), source, AuditLog.ALLOWED, p.getFile(), executionId,
                "restore job started from package " + p.getId() + (schemaAllowed ? "; the schema SQL of this "
                        + "unsigned upload is allowed to run (filtered) if the database is empty" : "")
                        + (otherSource ? "; into source " + source + " from a package of source " + p.getSource()
                        : ""));
        return executionId;
    }
}
