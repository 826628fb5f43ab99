package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.batch.schedule.Scheduler;
import org.lifeboat.schedule.RetentionPolicy;
import org.lifeboat.schedule.RetentionRules;
import org.lifeboat.schedule.RetentionService;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.schedule.ScheduleExpressions;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.UnknownSourceException;

/**
 * Schedules and retention policies: everyone who may read them sees them, a backup-admin changes them. The right
 * is checked before the request is (a caller who may not change schedules learns nothing from a bad one).
 */
@Stateless
public class ScheduleService {

    @Inject
    Scheduler scheduler;

    @Inject
    RetentionService retention;

    @Inject
    SourceRegistry sources;

    @Inject
    Gate gate;

    public List<Schedule> list(Caller caller) {
        Permissions.mayReadSchedules(caller).orThrow();
        return scheduler.list();
    }

    public Optional<java.util.Date> nextRun(long scheduleId) {
        return scheduler.nextRun(scheduleId);
    }

    /** Adds a schedule after checking the source, the scope and the expression; nothing is kept if one is bad. */
    public Schedule create(Caller caller, String source, String scope, String expression) {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.SCHEDULE).scope(scope).target(source);
        gate.check(Permissions.mayAdminister(caller), event);
        if (source == null || source.isBlank() || expression == null || expression.isBlank()) {
            throw new InvalidRequestException("incomplete schedule",
                    "send {\"source\": \"edms\", \"scope\": \"full\", \"expression\": \"daily 02:00\"}");
        }
        Profile profile = known(source);
        BackupScope parsed = BackupScope.parse(scope == null || scope.isBlank() ? "full" : scope);
        ScopeResolver.tables(profile, sources.catalog(profile), parsed);
        try {
            ScheduleExpressions.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("bad schedule expression", e.getMessage());
        }
        Schedule s = scheduler.create(profile.source(), parsed.toString(), expression.trim());
        gate.allowed(event.scope(parsed.toString()).target(profile.source()), "schedule " + s.getId() + " created: "
                + expression.trim());
        return s;
    }

    public Schedule enable(Caller caller, long id, boolean enabled) {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.SCHEDULE).target("schedule " + id);
        gate.check(Permissions.mayAdminister(caller), event);
        Schedule s = schedule(id);
        scheduler.enable(s, enabled);
        gate.allowed(event.scope(s.getScope()).target(s.getSource()), "schedule " + id
                + (enabled ? " enabled" : " disabled"));
        return scheduler.find(id).orElse(s);
    }

    public void delete(Caller caller, long id) {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.SCHEDULE).target("schedule " + id);
        gate.check(Permissions.mayAdminister(caller), event);
        Schedule s = schedule(id);
        scheduler.delete(s);
        gate.allowed(event.scope(s.getScope()).target(s.getSource()), "schedule " + id + " deleted");
    }

    public RetentionPolicy policy(Caller caller, String source) {
        Permissions.mayReadSchedules(caller).orThrow();
        return retention.policy(known(source).source());
    }

    public List<RetentionPolicy> policies(Caller caller) {
        Permissions.mayReadSchedules(caller).orThrow();
        return sources.profiles().stream().map(p -> retention.policy(p.source())).toList();
    }

    /** Sets a source's policy (RetentionService audits it). */
    public RetentionPolicy setRetention(Caller caller, String source, Integer keepDays, Integer keepCount) {
        return setRetention(caller, source, keepDays, keepCount, RetentionRules.Generations.NONE);
    }

    /**
     * Sets a source's policy, with a grandfather-father-son schedule (the newest package of each of the last N
     * days, weeks, months) kept besides what keepDays / keepCount keep.
     */
    public RetentionPolicy setRetention(Caller caller, String source, Integer keepDays, Integer keepCount,
                                        RetentionRules.Generations generations) {
        gate.check(Permissions.mayAdminister(caller), AuditEvent.of(caller.name(), AuditAction.RETENTION_POLICY)
                .target(source));
        Profile profile = known(source);
        for (var field : java.util.Map.of("keepDays", java.util.Optional.ofNullable(keepDays), "keepCount",
                java.util.Optional.ofNullable(keepCount), "keepDaily", java.util.Optional.ofNullable(generations.daily()),
                "keepWeekly", java.util.Optional.ofNullable(generations.weekly()), "keepMonthly",
                java.util.Optional.ofNullable(generations.monthly())).entrySet()) {
            if (field.getValue().isPresent() && field.getValue().get() < 1) {
                throw new InvalidRequestException("bad retention", field.getKey() + " must be at least 1 (got "
                        + field.getValue().get() + "); leave it out to not use it");
            }
        }
        if (keepDays == null && keepCount == null && !generations.any()) {
            throw new InvalidRequestException("bad retention", "give keepDays, keepCount, keepDaily, keepWeekly or "
                    + "keepMonthly: a policy keeping everything forever is no policy");
        }
        return retention.set(profile.source(), keepDays, keepCount, generations, caller.name());
    }

    /** Deletes what the policy no longer keeps (each deletion audited by RetentionService); returns the files. */
    public List<String> applyRetention(Caller caller, String source) {
        gate.check(Permissions.mayAdminister(caller), AuditEvent.of(caller.name(), AuditAction.RETENTION)
                .target(source));
        return retention.apply(known(source).source(), caller.name());
    }

    private Profile known(String source) {
        try {
            return sources.profile(source);
        } catch (UnknownSourceException e) {
            throw new UnknownResourceException("unknown source", e.getMessage());
        }
    }

    private Schedule schedule(long id) {
        return scheduler.find(id).orElseThrow(() -> new UnknownResourceException("no such schedule",
                "no schedule " + id + "; GET /lifeboat/api/schedules lists them"));
    }
}
