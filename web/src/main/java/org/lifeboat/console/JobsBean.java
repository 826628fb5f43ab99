package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.batch.JobView;

/** The jobs page: executions with live per-table progress (refreshed by Ajax), stop, restart, abandon. */
@Named
@ViewScoped
public class JobsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    @Inject
    BatchJobs jobs;

    @Inject
    AuditLog audit;

    private List<JobView> executions;

    @PostConstruct
    public void refresh() {
        executions = jobs.recent(25);
    }

    public void stop(long id) {
        act(id, "STOP", () -> jobs.stop(id));
    }

    public void restart(long id) {
        act(id, "RESTART", () -> Pages.info("Execution " + id + " restarted as " + jobs.restart(id) + "."));
    }

    public void abandon(long id) {
        act(id, "ABANDON", () -> jobs.abandon(id));
    }

    private void act(long id, String action, Runnable work) {
        if (!user.require(user.isOperator(), action.toLowerCase() + " of jobs")) {
            return;
        }
        try {
            work.run();
            audit.record(user.getName(), action, null, "job " + id, AuditLog.ALLOWED, null, id, "from the console");
        } catch (RuntimeException e) {
            Pages.error(e);
        }
        refresh();
    }

    public boolean isAnyRunning() {
        return executions.stream().anyMatch(j -> j.status().startsWith("START") || j.status().equals("STOPPING"));
    }

    public List<JobView> getExecutions() {
        return executions;
    }
}
