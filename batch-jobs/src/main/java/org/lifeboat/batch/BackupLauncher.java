package org.lifeboat.batch;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Starts a backup job for the REST API and the console alike, after checking everything that can be checked
 * before it runs: the source exists, every table of the scope resolves, no other job works on the source.
 * Who may start which scope is the caller's decision.
 */
@Stateless
public class BackupLauncher {

    @Inject
    SourceRegistry sources;

    @Inject
    BatchJobs jobs;

    @Inject
    SourceLease lease;

    @Inject
    AuditLog audit;

    /** @param options optional job parameters (threads, chunkRows, splitThresholdRows) */
    public long start(String source, String scope, String user, Map<String, String> options) {
        Profile profile = sources.profile(source);
        BackupScope parsed = BackupScope.parse(scope);
        ScopeResolver.tables(profile, sources.catalog(profile), parsed);
        Map<String, String> parameters = new LinkedHashMap<>(options);
        parameters.put("source", profile.source());
        parameters.put("scope", parsed.toString());
        parameters.put("requestedBy", user);
        long executionId = lease.startExclusive(profile.source(), () -> jobs.start("backup", parameters));
        audit.record(user, "BACKUP", parsed.toString(), profile.source(), AuditLog.ALLOWED, null, executionId,
                "backup job started");
        return executionId;
    }
}
