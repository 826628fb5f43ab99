package org.lifeboat.batch.schedule;

import org.lifeboat.logging.LifeboatLog;
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
import java.util.List;
import java.util.Optional;
import org.lifeboat.operations.BackupService;
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


    @Resource
    TimerService timers;

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    @Inject
    SourceRegistry sources;

    @Inject
    BackupService backups;

    @PostConstruct
    void start() {
        if (Boolean.parseBoolean(System.getProperty("lifeboat.schedules.defaults", "true")) && list().isEmpty()) {
            try {
                for (Profile p : sources.profiles()) {
                    em.persist(new Schedule(p.source(), "full", "daily 02:00", true));
                }
            } catch (RuntimeException e) {
                LifeboatLog.LOG.noDefaultSchedules(e.getMessage());
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

    /** Keeps a schedule the caller has checked (source, scope, expression) and arms its timer. */
    public Schedule create(String source, String scope, String expression) {
        Schedule s = new Schedule(source, scope, expression, true);
        em.persist(s);
        em.flush();
        arm(s);
        return s;
    }

    public void enable(Schedule s, boolean enabled) {
        em.createQuery("UPDATE Schedule s SET s.enabled = :e WHERE s.id = :id").setParameter("e", enabled)
                .setParameter("id", s.getId()).executeUpdate();
        timer(s.getId()).ifPresent(Timer::cancel);
        if (enabled) {
            arm(s);
        }
    }

    public void delete(Schedule s) {
        timer(s.getId()).ifPresent(Timer::cancel);
        em.remove(em.contains(s) ? s : em.merge(s));
    }

    public Optional<Schedule> find(long id) {
        Schedule s = em.find(Schedule.class, id);
        if (s != null) {
            em.refresh(s);
        }
        return Optional.ofNullable(s);
    }

    @Timeout
    void fire(Timer timer) {
        Schedule s = em.find(Schedule.class, (Long) timer.getInfo());
        if (s == null || !s.isEnabled()) {
            timer.cancel();
            return;
        }
        backups.startScheduled(s).ifPresent(executionId -> em.createQuery(
                        "UPDATE Schedule s SET s.lastRun = :t, s.lastExecutionId = :e WHERE s.id = :id")
                .setParameter("t", Instant.now()).setParameter("e", executionId).setParameter("id", s.getId())
                .executeUpdate());
    }

    private void arm(Schedule s) {
        timers.createCalendarTimer(ScheduleExpressions.parse(s.getExpression()), new TimerConfig(s.getId(), false));
    }

    private Optional<Timer> timer(long id) {
        return timers.getTimers().stream().filter(t -> Long.valueOf(id).equals(t.getInfo())).findFirst();
    }
}
