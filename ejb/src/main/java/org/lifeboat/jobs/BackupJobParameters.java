package org.lifeboat.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The parameters of the {@code backup} job (see batch-jobs' backup.xml): what the services start it with and what
 * its artifacts read back. Optional tuning is null when not given (the job XML's defaults apply).
 *
 * @param source             the source's name
 * @param scope              the scope's text form ({@code org.lifeboat.backup.BackupScope#toString()})
 * @param requestedBy        who the job runs as (a restart changes it, see {@link #STARTED_BY})
 * @param threads            parallel partitions
 * @param chunkRows          rows per checkpoint
 * @param splitThresholdRows tables larger than this are split into key ranges
 * @param compressionLevel   zstd level 1-19
 * @param scheduleId         the schedule a scheduled backup runs for (null: asked for by someone)
 */
public record BackupJobParameters(String source, String scope, String requestedBy, Integer threads, Integer chunkRows,
                                  Long splitThresholdRows, Integer compressionLevel, Long scheduleId) {

    public static final String JOB = "backup";
    /** Who started the first execution; a restart sets it and changes {@code requestedBy}. */
    public static final String STARTED_BY = "startedBy";
    public static final String RESTARTED_BY = "restartedBy";

    public BackupJobParameters {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a backup needs a source");
        }
        scope = scope == null || scope.isBlank() ? "database" : scope;
    }

    public static BackupJobParameters of(String source, String scope, String requestedBy) {
        return new BackupJobParameters(source, scope, requestedBy, null, null, null, null, null);
    }

    public BackupJobParameters tuned(Integer threads, Integer chunkRows, Long splitThresholdRows) {
        return new BackupJobParameters(source, scope, requestedBy, threads, chunkRows, splitThresholdRows,
                compressionLevel, scheduleId);
    }

    public BackupJobParameters scheduledBy(long scheduleId) {
        return new BackupJobParameters(source, scope, requestedBy, threads, chunkRows, splitThresholdRows,
                compressionLevel, scheduleId);
    }

    public Map<String, String> toMap() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("source", source);
        p.put("scope", scope);
        JobParameters.put(p, "requestedBy", requestedBy);
        JobParameters.put(p, "threads", threads);
        JobParameters.put(p, "chunkRows", chunkRows);
        JobParameters.put(p, "splitThresholdRows", splitThresholdRows);
        JobParameters.put(p, "compressionLevel", compressionLevel);
        JobParameters.put(p, "scheduleId", scheduleId);
        return p;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(toMap());
        return p;
    }

    public static BackupJobParameters from(Properties properties) {
        return from(JobParameters.of(properties));
    }

    public static BackupJobParameters from(Map<String, String> parameters) {
        return from(JobParameters.of(parameters));
    }

    private static BackupJobParameters from(JobParameters p) {
        return new BackupJobParameters(p.required("source"), p.text("scope"), p.text("requestedBy"),
                p.integer("threads"), p.integer("chunkRows"), p.number("splitThresholdRows"),
                p.integer("compressionLevel"), p.number("scheduleId"));
    }
}
