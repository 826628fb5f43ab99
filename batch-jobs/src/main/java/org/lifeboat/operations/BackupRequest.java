package org.lifeboat.operations;

/**
 * A backup asked for: source and scope (text form, default {@code database}), and optional tuning: {@code threads}
 * (parallel partitions, 1-64), {@code chunkRows} (rows per checkpoint, 10-1,000,000), {@code splitThresholdRows}
 * (tables larger than this are split into key ranges, at least 1,000).
 */
public record BackupRequest(String source, String scope, Integer threads, Integer chunkRows, Long splitThresholdRows) {

    public static BackupRequest of(String source, String scope) {
        return new BackupRequest(source, scope, null, null, null);
    }
}
