package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.lifeboat.operations.JobControl;
import org.lifeboat.batch.JobView;
import org.lifeboat.security.Caller;
import org.lifeboat.security.ForbiddenException;

/**
 * The jobs page: the executions the user may see, with live per-table progress (refreshed by Ajax), stop, restart,
 * abandon. Who may do what, and the audit, are {@link JobControl}'s, as for the REST API.
 */
@Named
@ViewScoped
public class JobsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    @Inject
    JobControl control;

    private List<JobView> executions;
    private Set<Long> controllable;

    @PostConstruct
    public void refresh() {
        Caller caller = user.caller();
        executions = control.recent(caller, 25);
        controllable = executions.stream().filter(j -> control.mayControl(caller, j))
                .map(JobView::executionId).collect(Collectors.toSet());
    }

    public void stop(long id) {
        act("stop", id, () -> {
            control.stop(user.caller(), id);
            return "Stop of execution " + id + " requested.";
        });
    }

    public void restart(long id) {
        act("restart", id, () -> "Execution " + id + " restarted as " + control.restart(user.caller(), id) + ".");
    }

    public void abandon(long id) {
        act("abandon", id, () -> {
            control.abandon(user.caller(), id);
            return "Execution " + id + " abandoned.";
        });
    }

    /** A forged action the user may not take answers 403; a state conflict shows as the page's error sentence. */
    private void act(String action, long id, Supplier<String> work) {
        try {
            Pages.info(work.get());
        } catch (ForbiddenException refused) {
            user.refuse(action + " of execution " + id + ": " + refused.getMessage()); // JobControl audited it
            return;
        } catch (RuntimeException e) {
            Pages.error(e);
        }
        refresh();
    }

    /** Whether the page offers stop, restart or abandon for this execution (the server checks again). */
    public boolean mayControl(long id) {
        return controllable.contains(id);
    }

    public boolean isAnyRunning() {
        return executions.stream().anyMatch(j -> j.status().startsWith("START") || j.status().equals("STOPPING"));
    }

    public List<JobView> getExecutions() {
        return executions;
    }
}
