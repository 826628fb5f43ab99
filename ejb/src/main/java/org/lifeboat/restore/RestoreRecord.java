package org.lifeboat.restore;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A finished restore as the catalog keeps it: which package went where, how, and its report. */
@Entity
@Table(name = "lifeboat_restore")
public class RestoreRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long jobInstanceId;

    private long jobExecutionId;

    private Long backupId;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false)
    private String mode;

    private String requestedBy;

    private Instant completedAt;

    /** The report as JSON: tables with their counts, counters, notes. */
    @Column(columnDefinition = "text")
    private String reportJson;

    protected RestoreRecord() {}

    public RestoreRecord(long jobInstanceId, long jobExecutionId, Long backupId, String source, String mode,
                         String requestedBy, String reportJson) {
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.backupId = backupId;
        this.source = source;
        this.mode = mode;
        this.requestedBy = requestedBy;
        this.completedAt = Instant.now();
        this.reportJson = reportJson;
    }

    public Long getId() { return id; }
    public long getJobInstanceId() { return jobInstanceId; }
    public long getJobExecutionId() { return jobExecutionId; }
    public Long getBackupId() { return backupId; }
    public String getSource() { return source; }
    public String getMode() { return mode; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getCompletedAt() { return completedAt; }
    public String getReportJson() { return reportJson; }
}
