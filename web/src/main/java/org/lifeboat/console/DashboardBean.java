package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.batch.JobView;
import org.lifeboat.batch.schedule.Scheduler;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/** The dashboard: each source with its last backup and next scheduled run, and the jobs running now. */
@Named
@ViewScoped
public class DashboardBean implements Serializable {

    private static final long serialVersionUID = 1L;

    public record SourceRow(String name, String description, BackupPackage last, String lastStatus, Date nextRun) {}

    @Inject
    SourceRegistry sources;

    @Inject
    PackageCatalog catalog;

    @Inject
    BatchJobs jobs;

    @Inject
    org.lifeboat.operations.JobControl jobControl;

    @Inject
    ConsoleUser user;

    @Inject
    org.lifeboat.security.CurrentCaller currentCaller;

    @Inject
    Scheduler scheduler;

    @Inject
    org.lifeboat.operations.StatusService statusService;

    private List<SourceRow> rows = new ArrayList<>();
    private List<org.lifeboat.status.Protection.Assessment> protection = List.of();
    private List<JobView> running = new ArrayList<>();

    @PostConstruct
    void load() {
        org.lifeboat.security.Caller caller = user.caller();
        if (org.lifeboat.security.Permissions.mayReadStatus(caller).allowed()) { // the card only for those who may
            protection = statusService.status(caller).sources();
        }
        List<JobView> recent = jobControl.recent(caller, 50); // what this user may see, nothing more
        running = recent.stream().filter(j -> j.status().startsWith("START")).toList();
        for (Profile p : sources.profiles()) {
            if (!org.lifeboat.security.Permissions.maySeeSource(caller, p.source())) {
                continue;
            }
            List<BackupPackage> packages = catalog.list(p.source()).stream().filter(currentCaller::maySee).toList();
            BackupPackage last = packages.isEmpty() ? null : packages.get(0);
            String lastStatus = recent.stream().filter(j -> "backup".equals(j.jobName())
                    && p.source().equals(j.parameters().get("source"))).map(JobView::status).findFirst().orElse("–");
            Date next = null;
            for (Schedule s : scheduler.list()) {
                if (s.getSource().equals(p.source())) {
                    Date d = scheduler.nextRun(s.getId()).orElse(null);
                    if (d != null && (next == null || d.before(next))) {
                        next = d;
                    }
                }
            }
            rows.add(new SourceRow(p.source(), p.description(), last, lastStatus, next));
        }
    }

    /** Per source: protected, at risk or unprotected, and why (empty for a caller who may not read it). */
    public List<org.lifeboat.status.Protection.Assessment> getProtection() {
        return protection;
    }

    /** Profile files that are not used, as "file:line: reason" sentences (every other source works). */
    public List<String> getInvalidProfiles() {
        org.lifeboat.security.Caller caller = user.caller();
        return sources.invalidProfiles().stream().filter(e -> org.lifeboat.security.Permissions.maySeeSource(caller,
                org.lifeboat.source.ProfileLoader.sourceOf(e.file()))).map(RuntimeException::getMessage)
                .toList();
    }

    public List<SourceRow> getRows() {
        return rows;
    }

    public List<JobView> getRunning() {
        return running;
    }
}
