package org.lifeboat.batch;

import jakarta.batch.operations.JobOperator;
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
import java.util.Properties;
import java.util.TreeMap;
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

    public static final List<String> JOB_NAMES = List.of("backup", "restore");

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
        JOB_NAMES.forEach(job -> ids.addAll(running(job, name, value)));
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

    /** Restarts a FAILED or STOPPED execution from its checkpoints; returns the new execution id. */
    public long restart(long executionId) {
        JobOperator operator = operator();
        Properties original = operator.getParameters(executionId);
        return operator.restart(executionId, original == null ? new Properties() : original);
    }

    public void stop(long executionId) {
        operator().stop(executionId);
    }

    /**
     * Abandons a FAILED or STOPPED execution for good. It can never be restarted, so what it kept for a restart goes
     * too: a backup's work folder, a restore's staging schema in the target database and its extracted files.
     */
    public void abandon(long executionId) {
        JobOperator operator = operator();
        JobExecution execution = operator.getJobExecution(executionId);
        operator.abandon(executionId);
        long instanceId = operator.getJobInstance(executionId).getInstanceId();
        if ("restore".equals(execution.getJobName())) {
            Properties parameters = operator.getParameters(executionId);
            leftovers.removeRestore(instanceId, parameters == null ? null : parameters.getProperty("source"));
        } else if ("backup".equals(execution.getJobName())) {
            leftovers.removeBackup(instanceId);
        }
    }

    /** The latest executions of every Lifeboat job, newest first. */
    public List<JobView> recent(int limit) {
        JobOperator operator = operator();
        List<JobExecution> executions = new ArrayList<>();
        for (String name : JOB_NAMES) {
            try {
                for (JobInstance instance : operator.getJobInstances(name, 0, limit)) {
                    executions.addAll(operator.getJobExecutions(instance));
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
        Map<String, Object> result = "restore".equals(execution.getJobName())
                ? restores.forJobInstance(instanceId).map(r -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("restoreId", r.getId());
                    map.put("backupId", r.getBackupId());
                    map.put("mode", r.getMode());
                    map.putAll(RestoreReportJson.read(r.getReportJson()));
                    return map;
                }).orElse(null)
                : catalog.forJobInstance(instanceId).map(BatchJobs::result).orElse(null);
        String error = errors.first(execution.getExecutionId()).map(JobError::getMessage).orElse(null);
        Map<String, String> parameters = new LinkedHashMap<>();
        Properties props = execution.getJobParameters();
        if (props != null) {
            props.stringPropertyNames().stream().sorted().forEach(k -> parameters.put(k, props.getProperty(k)));
        }
        return new JobView(execution.getExecutionId(), instanceId, execution.getJobName(),
                execution.getBatchStatus().name(), execution.getExitStatus(), iso(execution.getStartTime()),
                iso(execution.getEndTime()), parameters, steps, tables, result, error);
    }

    private static Map<String, Object> result(BackupPackage p) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("backupId", p.getId());
        map.put("file", p.getFile());
        map.put("counts", p.counts());
        return map;
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
