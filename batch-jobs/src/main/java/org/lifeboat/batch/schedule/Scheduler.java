package org.lifeboat.batch.schedule;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.schedule.RetentionService;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.schedule.ScheduleExpressions;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Runs scheduled backups. Schedules live in Lifeboat's database; at start-up (and after every change) each
 * enabled one gets a calendar timer, so schedules survive restarts and redeploys. With no schedule at all, every
 * source gets the default: a full backup daily at 02:00 UTC (unless lifeboat.schedules.defaults is false).
 */
@Singleton
@Startup
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());
    public static final String USER = "scheduler";

    @Resource
    TimerService timers;

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    @Inject
    SourceRegistry sources;

    @Inject
    BatchJobs jobs;

    @Inject
    AuditLog audit;

    @Inject
    RetentionService retention;

    @PostConstruct
    void start() {
        if (Boolean.parseBoolean(System.getProperty("lifeboat.schedules.defaults", "true")) && list().isEmpty()) {
            try {
                for (Profile p : sources.profiles()) {
                    em.persist(new Schedule(p.source(), "full", "daily 02:00", true));
                }
            } catch (RuntimeException e) {
                LOG.warning("LIFEBOAT-002 no default schedules: the profiles cannot be read: " + e.getMessage());
            }
        }
        list().stream().filter(Schedule::isEnabled).forEach(this::arm);
    }

    public List<Schedule> list() {
        return em.createQuery("SELECT s FROM Schedule s ORDER BY s.source, s.id", Schedule.class).getResultList();
    }

    /** The next time a schedule fires, or empty when it is disabled. */
    public Optional<Date> nextRun(long scheduleId) {
        return timer(scheduleId).map(Timer::getNextTimeout);
    }

    /** Adds a schedule after checking the source, the scope and the expression; nothing is kept if one is bad. */
    public Schedule create(String source, String scope, String expression, String user) {
        Profile profile = sources.profile(source);
        BackupScope parsed = BackupScope.parse(scope);
        ScopeResolver.tables(profile, sources.catalog(profile), parsed);
        ScheduleExpressions.parse(expression);
        Schedule s = new Schedule(profile.source(), parsed.toString(), expression.trim(), true);
        em.persist(s);
        em.flush();
        arm(s);
        audit.record(user, "SCHEDULE", parsed.toString(), source, AuditLog.ALLOWED, null, null,
                "schedule " + s.getId() + " created: " + expression.trim());
        return s;
    }

    public void enable(long id, boolean enabled, String user) {
        Schedule s = find(id);
        em.createQuery("UPDATE Schedule s SET s.enabled = :e WHERE s.id = :id").setParameter("e", enabled)
                .setParameter("id", id).executeUpdate();
        timer(id).ifPresent(Timer::cancel);
        if (enabled) {
            arm(s);
        }
        audit.record(user, "SCHEDULE", s.getScope(), s.getSource(), AuditLog.ALLOWED, null, null,
                "schedule " + id + (enabled ? " enabled" : " disabled"));
    }

    public void delete(long id, String user) {
        Schedule s = find(id);
        timer(id).ifPresent(Timer::cancel);
        em.remove(s);
        audit.record(user, "SCHEDULE", s.getScope(), s.getSource(), AuditLog.ALLOWED, null, null,
                "schedule " + id + " deleted");
    }

    @Timeout
    void fire(Timer timer) {
        Schedule s = em.find(Schedule.class, (Long) timer.getInfo());
        if (s == null || !s.isEnabled()) {
            timer.cancel();
            return;
        }
        if (!jobs.runningAny("source", s.getSource()).isEmpty()) {
            audit.record(USER, "BACKUP", s.getScope(), s.getSource(), AuditLog.FAILED, null, null,
                    "scheduled backup skipped: another job is working on the source");
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("source", s.getSource());
        parameters.put("scope", s.getScope());
        parameters.put("requestedBy", USER);
        parameters.put("scheduleId", s.getId().toString());
        long executionId = jobs.start("backup", parameters);
        em.createQuery("UPDATE Schedule s SET s.lastRun = :t, s.lastExecutionId = :e WHERE s.id = :id")
                .setParameter("t", Instant.now()).setParameter("e", executionId).setParameter("id", s.getId())
                .executeUpdate();
        audit.record(USER, "BACKUP", s.getScope(), s.getSource(), AuditLog.ALLOWED, null, executionId,
                "scheduled backup started by schedule " + s.getId());
    }

    private void arm(Schedule s) {
        timers.createCalendarTimer(ScheduleExpressions.parse(s.getExpression()), new TimerConfig(s.getId(), false));
    }

    private Optional<Timer> timer(long id) {
        return timers.getTimers().stream().filter(t -> Long.valueOf(id).equals(t.getInfo())).findFirst();
    }

    private Schedule find(long id) {
        Schedule s = em.find(Schedule.class, id);
        if (s == null) {
            throw new IllegalArgumentException("no schedule " + id);
        }
        return s;
    }
}
