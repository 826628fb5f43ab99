package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.batch.JobStateException;
import org.lifeboat.batch.JobView;
import org.lifeboat.batch.SourceLease;
import org.lifeboat.batch.UnknownExecutionException;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Decision;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.SourceRegistry;

/**
 * Which job executions a caller sees, and stop, restart and abandon of them: the one code path of the REST API
 * and the console. An action needs the right to start that job ({@link Permissions#mayControlJob}) and is audited
 * once, whether allowed, refused or failed; a restart runs as, and is recorded as, the caller who restarts it.
 */
@Stateless
public class JobControl {

    /** Restore parameter of a department or subsystem import: the scope imported into, e.g. {@code subsystem:HR1}. */
    public static final String TRANSFER_SCOPE = "importScope";

    @Inject
    BatchJobs jobs;

    @Inject
    AuditLog audit;

    @Inject
    SourceLease lease;

    @Inject
    SourceRegistry sources;

    /** The latest executions the caller may see, newest first. */
    public List<JobView> recent(Caller caller, int limit) {
        boolean seesAll = Permissions.maySee(caller, null, null);
        return jobs.recent(limit, seesAll ? BatchJobs.ALL : (job, parameters) -> maySee(caller, job, parameters));
    }

    /** @throws UnknownExecutionException when there is no such execution or the caller may not see it */
    public JobView view(Caller caller, long executionId) {
        BatchJobs.Execution e = execution(executionId);
        if (!maySee(caller, e.jobName(), e.parameters())) {
            throw new UnknownExecutionException(executionId);
        }
        return jobs.view(executionId);
    }

    /** Whether the caller may stop, restart or abandon this execution (a page offers the buttons by it). */
    public boolean mayControl(Caller caller, JobView job) {
        return Permissions.mayControlJob(caller, job.jobName(), job.parameters(),
                departmentOf(job.jobName(), job.parameters())).allowed();
    }

    /** Restarts a FAILED or STOPPED execution as the caller; returns the new execution's id. */
    public long restart(Caller caller, long executionId) {
        BatchJobs.Execution e = permitted(caller, AuditAction.RESTART, executionId);
        Map<String, String> changes = new LinkedHashMap<>();
        String startedBy = JobView.startedBy(e.parameters());
        if (startedBy != null) {
            changes.put(JobView.STARTED_BY, startedBy);
        }
        changes.put(JobView.REQUESTED_BY, name(caller));
        changes.put(JobView.RESTARTED_BY, name(caller));
        String source = e.parameters().get("source");
        return act(caller, AuditAction.RESTART, e, () -> source == null ? jobs.restart(executionId, changes)
                        : lease.startExclusive(source, () -> jobs.restart(executionId, changes)),
                next -> "execution " + executionId + " restarted as execution " + next + " by " + name(caller)
                        + (startedBy == null ? "" : " (started by " + startedBy + ")"));
    }

    public void stop(Caller caller, long executionId) {
        BatchJobs.Execution e = permitted(caller, AuditAction.STOP, executionId);
        act(caller, AuditAction.STOP, e, () -> {
            jobs.stop(executionId);
            return executionId;
        }, id -> "stop of execution " + id + " requested");
    }

    /** Abandons a FAILED or STOPPED execution; a COMPLETED (or already abandoned) one has nothing to abandon. */
    public void abandon(Caller caller, long executionId) {
        BatchJobs.Execution e = permitted(caller, AuditAction.ABANDON, executionId);
        if (e.status().equals("COMPLETED") || e.status().equals("ABANDONED")) {
            throw conflict(caller, AuditAction.ABANDON, e, "execution " + executionId + " is " + e.status()
                    + ": there is nothing to abandon (abandon is for FAILED or STOPPED executions)");
        }
        act(caller, AuditAction.ABANDON, e, () -> {
            jobs.abandon(executionId);
            return executionId;
        }, id -> "execution " + id + " abandoned, what it kept for a restart removed");
    }

    /** The execution, once the caller's right to act on it is established (a refusal is audited, then thrown). */
    private BatchJobs.Execution permitted(Caller caller, AuditAction action, long executionId) {
        BatchJobs.Execution e = execution(executionId);
        Decision decision = Permissions.mayControlJob(caller, e.jobName(), e.parameters(),
                departmentOf(e.jobName(), e.parameters()));
        if (!decision.allowed()) {
            record(caller, action, e, Outcome.REFUSED, decision.reason());
            throw org.lifeboat.security.ForbiddenException.audited(decision.reason());
        }
        return e;
    }

    private <T> T act(Caller caller, AuditAction action, BatchJobs.Execution e, Supplier<T> work,
                      Function<T, String> done) {
        T result;
        try {
            result = work.get();
        } catch (JobStateException state) {
            throw conflict(caller, action, e, state.getMessage());
        } catch (RuntimeException failed) {
            record(caller, action, e, Outcome.FAIL, JobErrors.describe(failed));
            throw failed;
        }
        record(caller, action, e, Outcome.SUCCESS, done.apply(result));
        return result;
    }

    private JobStateException conflict(Caller caller, AuditAction action, BatchJobs.Execution e, String sentence) {
        record(caller, action, e, Outcome.REFUSED, sentence);
        return new JobStateException(sentence);
    }

    private void record(Caller caller, AuditAction action, BatchJobs.Execution e, Outcome outcome, String details) {
        Map<String, String> p = e.parameters();
        audit.record(AuditEvent.of(caller.name(), action).scope("backup".equals(e.jobName()) ? p.get("scope")
                        : p.get("mode")).target(p.get("source")).job(e.executionId()),
                outcome, e.jobName() + " job: " + details);
    }

    private boolean maySee(Caller caller, String job, Map<String, String> parameters) {
        return Permissions.maySee(caller, parameters.get("source"), departmentOf(job, parameters));
    }

    /** The department a job's scope belongs to: a department or subsystem backup (an export), or an import. */
    private String departmentOf(String job, Map<String, String> parameters) {
        String source = parameters.get("source");
        if ("backup".equals(job)) {
            return sources.departmentOf(source, parameters.get("scope"));
        }
        if ("restore".equals(job) && parameters.containsKey(TRANSFER_SCOPE)) {
            return sources.departmentOf(source, parameters.get(TRANSFER_SCOPE));
        }
        return null;
    }

    private BatchJobs.Execution execution(long executionId) {
        return jobs.execution(executionId).orElseThrow(() -> new UnknownExecutionException(executionId));
    }

    private static String name(Caller caller) {
        return caller.name() == null ? "anonymous" : caller.name();
    }
}
