package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.lifeboat.security.Permissions;
import org.lifeboat.batch.schedule.Scheduler;
import org.lifeboat.schedule.RetentionPolicy;
import org.lifeboat.schedule.RetentionService;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/** Schedules (per source and scope; daily time or cron) and retention policies (days and/or count). */
@Named
@ViewScoped
public class SchedulesBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    @Inject
    Scheduler scheduler;

    @Inject
    RetentionService retention;

    @Inject
    SourceRegistry sources;

    private List<Schedule> schedules;
    private List<RetentionPolicy> policies;
    private String source;
    private String scope = "full";
    private String expression = "daily 02:00";
    private String retentionSource;
    private Integer keepDays = RetentionService.DEFAULT_KEEP_DAYS;
    private Integer keepCount;

    @PostConstruct
    void load() {
        schedules = scheduler.list();
        policies = sources.profiles().stream().map(p -> retention.policy(p.source())).toList();
    }

    public String next(long id) {
        return scheduler.nextRun(id).map(d -> new Format().time(d)).orElse("–");
    }

    public void create() {
        if (!user.require(Permissions.mayAdminister(user.caller()), "SCHEDULE", source)) {
            return;
        }
        try {
            Schedule s = scheduler.create(source, scope, expression, user.getName());
            Pages.info("Schedule " + s.getId() + " created; next run " + next(s.getId()) + ".");
        } catch (RuntimeException e) {
            Pages.error(e);
        }
        load();
    }

    public void toggle(long id, boolean enabled) {
        if (user.require(Permissions.mayAdminister(user.caller()), "SCHEDULE", source)) {
            scheduler.enable(id, enabled, user.getName());
            load();
        }
    }

    public void delete(long id) {
        if (user.require(Permissions.mayAdminister(user.caller()), "SCHEDULE", source)) {
            scheduler.delete(id, user.getName());
            load();
        }
    }

    public void saveRetention() {
        if (!user.require(Permissions.mayAdminister(user.caller()), "RETENTION", retentionSource)) {
            return;
        }
        try {
            retention.set(retentionSource, keepDays, keepCount, user.getName());
            List<String> deleted = retention.apply(retentionSource, user.getName());
            Pages.info("Retention of " + retentionSource + " saved; " + deleted.size() + " packages deleted.");
        } catch (RuntimeException e) {
            Pages.error(e);
        }
        load();
    }

    public List<Schedule> getSchedules() {
        return schedules;
    }

    public List<RetentionPolicy> getPolicies() {
        return policies;
    }

    public List<String> getSourceNames() {
        return sources.profiles().stream().map(Profile::source).toList();
    }

    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getScope() { return scope; }
    public void setScope(String scope) { this.scope = scope; }
    public String getExpression() { return expression; }
    public void setExpression(String expression) { this.expression = expression; }
    public String getRetentionSource() { return retentionSource; }
    public void setRetentionSource(String retentionSource) { this.retentionSource = retentionSource; }
    public Integer getKeepDays() { return keepDays; }
    public void setKeepDays(Integer keepDays) { this.keepDays = keepDays; }
    public Integer getKeepCount() { return keepCount; }
    public void setKeepCount(Integer keepCount) { this.keepCount = keepCount; }
}
