package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.batch.JobConflictException;
import org.lifeboat.jobs.BackupJobParameters;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.UnknownSourceException;

/**
 * Starts backup jobs for REST, the console, the scheduler and exports: checks the request, the caller's right,
 * that every table of the scope resolves and that no other job works on the source, then starts the job and audits.
 */
@Stateless
public class BackupService {

    /** Who scheduled backups run as. */
    public static final String SCHEDULER = "scheduler";

    @Inject
    SourceRegistry sources;

    @Inject
    JobStarter starter;

    @Inject
    Gate gate;

    /** Starts a backup as {@code caller}; returns the execution id. */
    public long start(Caller caller, BackupRequest request) {
        // the role first: a caller who may not back up learns nothing from a bad request
        gate.check(Permissions.mayStartBackups(caller), AuditEvent.of(caller.name(), AuditAction.BACKUP)
                .scope(request == null ? null : request.scope()).target(request == null ? null : request.source()));
        if (request == null || request.source() == null || request.source().isBlank()) {
            throw new InvalidRequestException("source missing", "send {\"source\": \"<name>\", \"scope\": "
                    + "\"database\"}; GET /lifeboat/api/sources lists the names");
        }
        Profile profile = namedSource(request.source());
        BackupScope scope = BackupScope.parse(request.scope());
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.BACKUP).scope(scope.toString())
                .target(profile.source());
        gate.check(Permissions.mayBackup(caller, profile.source(), sources.departmentOf(profile.source(),
                scope.toString())), event);
        within("threads", request.threads(), 1, 64);
        within("chunkRows", request.chunkRows(), 10, 1_000_000);
        within("splitThresholdRows", request.splitThresholdRows(), 1_000, Long.MAX_VALUE);
        BackupJobParameters parameters = BackupJobParameters.of(profile.source(), scope.toString(), caller.name())
                .tuned(request.threads(), request.chunkRows(), request.splitThresholdRows());
        return launch(event, profile, scope, parameters, "backup job started");
    }

    /**
     * The scheduled backup of {@code schedule}, as the scheduler; returns the execution id, or empty when another
     * job works on the source (audited as a failed backup: the schedule did not produce one).
     */
    public java.util.OptionalLong startScheduled(Schedule schedule) {
        Caller scheduler = Caller.system(SCHEDULER);
        AuditEvent event = AuditEvent.of(SCHEDULER, AuditAction.BACKUP).scope(schedule.getScope())
                .target(schedule.getSource());
        try {
            Profile profile = sources.profile(schedule.getSource());
            BackupScope scope = BackupScope.parse(schedule.getScope());
            gate.check(Permissions.mayBackup(scheduler, profile.source(), null), event);
            return java.util.OptionalLong.of(launch(event, profile, scope, BackupJobParameters.of(profile.source(),
                    scope.toString(), SCHEDULER).scheduledBy(schedule.getId()), "scheduled backup started by "
                    + "schedule " + schedule.getId()));
        } catch (JobConflictException busy) {
            // audited as refused by launch: the schedule did not produce a backup this time
            org.lifeboat.logging.LifeboatLog.LOG.scheduledBackupNotStarted(schedule.getId(), busy.getMessage());
        } catch (RuntimeException cannot) { // an invalid profile, a table gone: the schedule produced nothing
            org.lifeboat.logging.LifeboatLog.LOG.scheduledBackupNotStarted(schedule.getId(), org.lifeboat.jobs.JobErrors.describe(cannot));
            gate.failed(event, "scheduled backup not started: " + org.lifeboat.jobs.JobErrors.describe(cannot));
        }
        return java.util.OptionalLong.empty();
    }

    /**
     * Starts the backup job once the caller's right is established: resolves the scope's tables (an unknown one
     * is a 400), takes the source's lease (409 when busy, audited as refused), audits the start.
     */
    public long launch(AuditEvent event, Profile profile, BackupScope scope, BackupJobParameters parameters,
                String sentence) {
        ScopeResolver.tables(profile, sources.catalog(profile), scope);
        return starter.start(event, profile.source(), BackupJobParameters.JOB, parameters.toMap(), sentence);
    }

    /** The source a request body names; an unknown name is the request's fault (400), not a missing resource. */
    public Profile namedSource(String source) {
        try {
            return sources.profile(source);
        } catch (UnknownSourceException e) {
            throw new InvalidRequestException("unknown source", e.getMessage());
        }
    }

    private static void within(String name, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw new InvalidRequestException("bad " + name, name + " must be between " + min + " and " + max
                    + " (got " + value + ")");
        }
    }
}
