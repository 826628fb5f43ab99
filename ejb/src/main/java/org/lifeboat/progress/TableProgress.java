package org.lifeboat.progress;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * Rows done and rows expected for one partition of one step of a job instance. Written in the chunk's
 * transaction, so it moves with the checkpoints and survives restarts.
 */
@Entity
@Table(name = "lifeboat_table_progress",
        uniqueConstraints = @UniqueConstraint(columnNames = {"jobInstanceId", "step", "partitionIndex"}))
public class TableProgress {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private long jobInstanceId;

    @Column(nullable = false)
    private String step;

    private int partitionIndex;

    @Column(nullable = false)
    private String tableName;

    private long done;

    private long total;

    private Instant updatedAt;

    protected TableProgress() {}

    TableProgress(long jobInstanceId, String step, int partitionIndex, String tableName) {
        this.jobInstanceId = jobInstanceId;
        this.step = step;
        this.partitionIndex = partitionIndex;
        this.tableName = tableName;
        this.updatedAt = Instant.now();
    }

    void update(long done, long total) {
        this.done = done;
        this.total = Math.max(total, done);
        this.updatedAt = Instant.now();
    }

    public String getStep() { return step; }
    public int getPartitionIndex() { return partitionIndex; }
    public String getTableName() { return tableName; }
    public long getDone() { return done; }
    public long getTotal() { return total; }
    public Instant getUpdatedAt() { return updatedAt; }
}
