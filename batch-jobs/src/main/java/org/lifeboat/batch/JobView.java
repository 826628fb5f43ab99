package org.lifeboat.batch;

import java.util.List;
import java.util.Map;

/**
 * A job execution as REST, the console and the CLI show it. Field names are part of the REST contract;
 * {@code result} is a {@link JobResult}: {@code backupId}, {@code file}, {@code counts} for backups and the report
 * for restores and dry runs.
 * {@code startedBy} is who started the job's first execution, {@code restartedBy} who restarted this one (null for
 * a first execution); the job runs as parameter {@code requestedBy}, the last of them.
 */
public record JobView(long executionId, long instanceId, String jobName, String status, String exitStatus,
                      String startTime, String endTime, String startedBy, String restartedBy,
                      Map<String, String> parameters, List<StepView> steps, List<TableView> tables,
                      JobResult result, String error) {

    /** The job parameter naming who the job runs as (and records as its author). */
    public static final String REQUESTED_BY = "requestedBy";
    /** The job parameter naming who started the first execution; set by a restart, which changes requestedBy. */
    public static final String STARTED_BY = "startedBy";
    /** The job parameter naming who restarted the execution. */
    public static final String RESTARTED_BY = "restartedBy";

    /** Who started the first execution of the job these parameters belong to. */
    public static String startedBy(Map<String, String> parameters) {
        return parameters.getOrDefault(STARTED_BY, parameters.get(REQUESTED_BY));
    }

    /** A step: JBeret's read/write counts, plus the rows expected (sum over its tables) when known. */
    public record StepView(String name, String status, long read, long written, long total) {}

    /** Progress of one table (summed over its key-range partitions). */
    public record TableView(String step, String table, long done, long total, int percent) {}
}
