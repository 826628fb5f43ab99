package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.lifeboat.operations.ScheduleService;
import org.lifeboat.schedule.RetentionPolicy;
import org.lifeboat.schedule.RetentionRules;
import org.lifeboat.schedule.RetentionService;
import org.lifeboat.security.ForbiddenException;
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
    ScheduleService service;

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
    private Integer keepDaily;
    private Integer keepWeekly;
    private Integer keepMonthly;

    @PostConstruct
    void load() {
        try {
            schedules = service.list(user.caller());
            policies = service.policies(user.caller());
        } catch (ForbiddenException refused) { // a department admin: the page has nothing to show it
            schedules = List.of();
            policies = List.of();
        }
    }

    public String next(long id) {
        return service.nextRun(id).map(d -> new Format().time(d)).orElse("–");
    }

    public void create() {
        act(() -> {
            Schedule s = service.create(user.caller(), source, scope, expression);
            Pages.info("Schedule " + s.getId() + " created; next run " + next(s.getId()) + ".");
        });
    }

    public void toggle(long id, boolean enabled) {
        act(() -> service.enable(user.caller(), id, enabled));
    }

    public void delete(long id) {
        act(() -> service.delete(user.caller(), id));
    }

    public void saveRetention() {
        act(() -> {
            service.setRetention(user.caller(), retentionSource, keepDays, keepCount,
                    new RetentionRules.Generations(keepDaily, keepWeekly, keepMonthly));
            List<String> deleted = service.applyRetention(user.caller(), retentionSource);
            Pages.info("Retention of " + retentionSource + " saved; " + deleted.size() + " packages deleted.");
        });
    }

    /** Runs a change; a refusal answers 403 (the service audited it), another failure is the page's sentence. */
    private void act(Runnable change) {
        try {
            change.run();
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
            return;
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
    public Integer getKeepDaily() { return keepDaily; }
    public void setKeepDaily(Integer keepDaily) { this.keepDaily = keepDaily; }
    public Integer getKeepWeekly() { return keepWeekly; }
    public void setKeepWeekly(Integer keepWeekly) { this.keepWeekly = keepWeekly; }
    public Integer getKeepMonthly() { return keepMonthly; }
    public void setKeepMonthly(Integer keepMonthly) { this.keepMonthly = keepMonthly; }
    public void setKeepCount(Integer keepCount) { this.keepCount = keepCount; }
}
