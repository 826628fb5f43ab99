package org.lifeboat.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The sentence that explains why a job execution failed, as the console, REST and CLI show it. */
@Entity
@Table(name = "lifeboat_job_error")
public class JobError {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long jobExecutionId;

    private String step;

    @Column(length = 4000)
    private String message;

    private Instant occurredAt;

    protected JobError() {}

    JobError(long jobExecutionId, String step, String message) {
        this.jobExecutionId = jobExecutionId;
        this.step = step;
        this.message = message.length() > 4000 ? message.substring(0, 3997) + "..." : message;
        this.occurredAt = Instant.now();
    }

    public long getJobExecutionId() { return jobExecutionId; }
    public String getStep() { return step; }
    public String getMessage() { return message; }
    public Instant getOccurredAt() { return occurredAt; }
}
