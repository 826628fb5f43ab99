package org.lifeboat.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A recurring backup of one source and scope: "daily 02:00" or a five-field cron expression. */
@Entity
@Table(name = "lifeboat_schedule")
public class Schedule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false)
    private String scope;

    @Column(nullable = false)
    private String expression;

    private boolean enabled;

    private Instant lastRun;

    private Long lastExecutionId;

    protected Schedule() {}

    public Schedule(String source, String scope, String expression, boolean enabled) {
        this.source = source;
        this.scope = scope;
        this.expression = expression;
        this.enabled = enabled;
    }

    public Long getId() { return id; }
    public String getSource() { return source; }
    public String getScope() { return scope; }
    public String getExpression() { return expression; }
    public boolean isEnabled() { return enabled; }
    public Instant getLastRun() { return lastRun; }
    public Long getLastExecutionId() { return lastExecutionId; }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void ran(Instant when, Long executionId) {
        this.lastRun = when;
        this.lastExecutionId = executionId;
    }
}
