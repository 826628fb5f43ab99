package org.lifeboat.batch;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionIsRunningException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.jobs.JobError;
import org.lifeboat.jobs.JobErrors;
import org.lifeboat.progress.ProgressTracker;
import org.lifeboat.progress.TableProgress;
import org.lifeboat.restore.RestoreRecords;
import org.lifeboat.restore.RestoreReportJson;

/**
 * Starts, watches, stops and restarts Lifeboat's batch jobs. It lives in the module that holds the job XML,
 * so WildFly's JobOperator for this deployment finds the jobs (and jboss-cli sees the same executions).
 */
@Stateless
public class BatchJobs {

    /** Every Lifeboat job: lists and views show their executions. */
    public static final List<String> JOB_NAMES = List.of("backup", "restore", "dry-run");
    /** The jobs that work on a source and so hold its lease: one at a time per source (a dry run changes nothing). */
    static final List<String> LEASED_JOBS = List.of("backup", "restore");

    @Inject
    ProgressTracker progress;

    @Inject
    PackageCatalog catalog;

    @Inject
    JobErrors errors;

    @Inject
    RestoreRecords restores;

    @Inject
    JobLeftovers leftovers;

    public long start(String jobName, Map<String, String> parameters) {
        Properties properties = new Properties();
        properties.putAll(parameters);
        return operator().start(jobName, properties);
    }

    /** Running executions of any Lifeboat job whose parameter {@code name} has the given value. */
    public List<Long> runningAny(String name, String value) {
        List<Long> ids = new ArrayList<>();
        LEASED_JOBS.forEach(job -> ids.addAll(running(job, name, value)));
        return ids;
    }

    /** Running executions of a job whose parameter {@code name} has the given value. */
    public List<Long> running(String jobName, String name, String value) {
        JobOperator operator = operator();
        try {
            return operator.getRunningExecutions(jobName).stream()
                    .filter(id -> value.equals(operator.getParameters(id).getProperty(name))).toList();
        } catch (NoSuchJobException none) {
            return List.of();
        }
    }

    /**
     * Restarts a FAILED or STOPPED execution from its checkpoints with its parameters, some replaced by
     * {@code changes} (who restarts it); returns the new execution id.
     */
    public long restart(long executionId, Map<String, String> changes) {
        JobOperator operator = operator();
        Properties parameters = new Properties();
        Properties original = operator.getParameters(executionId);
        if (original != null) {
            parameters.putAll(original);
        }
        parameters.putAll(changes);
        try {
            return operator.restart(executionId, parameters);
        } catch (JobExecutionAlreadyCompleteException | JobExecutionNotMostRecentException
                 | JobExecutionIsRunningException | JobRestartException e) {
            throw new JobStateException("execution " + executionId + " cannot be restarted: " + JobErrors.describe(e));
        }
    }

    /** What deciding about an execution needs: its job, its status and parameters, none of its progress. */
    public record Execution(long executionId, String jobName, String status, Map<String, String> parameters) {}

    public Optional<Execution> execution(long executionId) {
        try {
            JobExecution e = operator().getJobExecution(executionId);
            return Optional.of(new Execution(executionId, e.getJobName(), e.getBatchStatus().name(),
                    parameters(e.getJobParameters())));
        } catch (NoSuchJobExecutionException none) {
            return Optional.empty();
        }
    }

    public void stop(long executionId) {
        try {
            operator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw new JobStateException("execution " + executionId + " is not running, there is nothing to stop: "
                    + JobErrors.describe(e));
        }
    }

    /**
     * Abandons a FAILED or STOPPED execution for good. It can never be restarted, so what it kept for a restart goes
     * too: a backup's work folder, a restore's staging schema in the target database and its extracted files.
     */
    public void abandon(long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        try {
            operator.abandon(executionId);
        } catch (JobExecutionIsRunningException e) {
            throw new JobStateException("execution " + executionId + " is running: stop it before abandoning it ("
                    + JobErrors.describe(e) + ")");
        }
        long instanceId = operator.getJobInstance(executionId).getInstanceId();
        if ("restore".equals(execution.getJobName())) {
            Properties parameters = operator.getParameters(executionId);
            leftovers.removeRestore(instanceId, parameters == null ? null : parameters.getProperty("source"),
                    parameters == null ? null : parameters.getProperty("datasource"));
        } else if ("backup".equals(execution.getJobName())) {
            leftovers.removeBackup(instanceId);
        }
    }

    /** The latest executions of every Lifeboat job, newest first. */
    public List<JobView> recent(int limit) {
        return recent(limit, ALL);
    }

    /** The filter of {@link #recent(int, BiPredicate)} that shows every execution. */
    public static final BiPredicate<String, Map<String, String>> ALL = (job, parameters) -> true;

    /**
     * The latest executions of every Lifeboat job that {@code shown} accepts (given the job name and parameters),
     * newest first.
     */
    public List<JobView> recent(int limit, BiPredicate<String, Map<String, String>> shown) {
        JobOperator operator = operator();
        List<JobExecution> executions = new ArrayList<>();
        for (String name : JOB_NAMES) {
            try {
                // a filter may drop many: then look further back than the limit, and keep the newest shown
                for (JobInstance instance : operator.getJobInstances(name, 0, shown == ALL ? limit : limit * 4)) {
                    for (JobExecution e : operator.getJobExecutions(instance)) {
                        if (shown.test(name, parameters(e.getJobParameters()))) {
                            executions.add(e);
                        }
                    }
                }
            } catch (NoSuchJobException none) {
                // no execution of this job yet
            }
        }
        return executions.stream().sorted(Comparator.comparingLong(JobExecution::getExecutionId).reversed())
                .limit(limit).map(e -> view(operator, e)).toList();
    }

    /** @throws NoSuchJobExecutionException when there is no such execution */
    public JobView view(long executionId) {
        JobOperator operator = operator();
        return view(operator, operator.getJobExecution(executionId));
    }

    private JobView view(JobOperator operator, JobExecution execution) {
        long instanceId = operator.getJobInstance(execution.getExecutionId()).getInstanceId();
        List<TableProgress> tableProgress = progress.forJob(instanceId);
        List<JobView.StepView> steps = new ArrayList<>();
        for (StepExecution step : operator.getStepExecutions(execution.getExecutionId())) {
            long total = tableProgress.stream().filter(p -> p.getStep().equals(step.getStepName()))
                    .mapToLong(TableProgress::getTotal).sum();
            steps.add(new JobView.StepView(step.getStepName(), step.getBatchStatus().name(),
                    metric(step, Metric.MetricType.READ_COUNT), metric(step, Metric.MetricType.WRITE_COUNT), total));
        }
        Map<String, long[]> byTable = new TreeMap<>();
        for (TableProgress p : tableProgress) {
            long[] sums = byTable.computeIfAbsent(p.getStep() + "\u0000" + p.getTableName(), k -> new long[2]);
            sums[0] += p.getDone();
            sums[1] += p.getTotal();
        }
        List<JobView.TableView> tables = new ArrayList<>();
        byTable.forEach((key, sums) -> {
            String[] parts = key.split("\u0000", 2);
            int percent = sums[1] == 0 ? 100 : (int) Math.min(100, sums[0] * 100 / sums[1]);
            tables.add(new JobView.TableView(parts[0], parts[1], sums[0], sums[1], percent));
        });
        JobResult result = !"backup".equals(execution.getJobName())
                ? restores.forJobInstance(instanceId).<JobResult>map(JobResult.RestoreResult::of).orElse(null)
                : catalog.forJobInstance(instanceId).<JobResult>map(JobResult.BackupResult::of).orElse(null);
        String error = errors.first(execution.getExecutionId()).map(JobError::getMessage).orElse(null);
        Map<String, String> parameters = parameters(execution.getJobParameters());
        return new JobView(execution.getExecutionId(), instanceId, execution.getJobName(),
                execution.getBatchStatus().name(), execution.getExitStatus(), iso(execution.getStartTime()),
                iso(execution.getEndTime()), JobView.startedBy(parameters), parameters.get(JobView.RESTARTED_BY),
                parameters, steps, tables, result, error);
    }

    private static Map<String, String> parameters(Properties props) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (props != null) {
            props.stringPropertyNames().stream().sorted().forEach(k -> parameters.put(k, props.getProperty(k)));
        }
        return parameters;
    }

    private static long metric(StepExecution step, Metric.MetricType type) {
        if (step.getMetrics() == null) {
            return 0;
        }
        for (Metric m : step.getMetrics()) {
            if (m.getType() == type) {
                return m.getValue();
            }
        }
        return 0;
    }

    private static String iso(Date date) {
        return date == null ? null : date.toInstant().toString();
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
