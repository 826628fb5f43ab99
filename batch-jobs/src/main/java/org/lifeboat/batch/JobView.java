package org.lifeboat.batch;

import java.util.List;
import java.util.Map;

/**
 * A job execution as REST, the console and the CLI show it. Field names are part of the REST contract;
 * {@code result} holds {@code backupId}, {@code file}, {@code counts} for backups and the restore report for restores.
 */
public record JobView(long executionId, long instanceId, String jobName, String status, String exitStatus,
                      String startTime, String endTime, Map<String, String> parameters, List<StepView> steps,
                      List<TableView> tables, Map<String, Object> result, String error) {

    /** A step: JBeret's read/write counts, plus the rows expected (sum over its tables) when known. */
    public record StepView(String name, String status, long read, long written, long total) {}

    /** Progress of one table (summed over its key-range partitions). */
    public record TableView(String step, String table, long done, long total, int percent) {}
}
