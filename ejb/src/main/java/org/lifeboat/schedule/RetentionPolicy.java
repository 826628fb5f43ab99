package org.lifeboat.schedule;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** How long a source's packages are kept: at most {@code keepDays} old and/or the newest {@code keepCount}. */
@Entity
@Table(name = "lifeboat_retention")
public class RetentionPolicy {

    @Id
    private String source;

    private Integer keepDays;

    private Integer keepCount;

    protected RetentionPolicy() {}

    public RetentionPolicy(String source, Integer keepDays, Integer keepCount) {
        this.source = source;
        this.keepDays = keepDays;
        this.keepCount = keepCount;
    }

    public String getSource() { return source; }
    public Integer getKeepDays() { return keepDays; }
    public Integer getKeepCount() { return keepCount; }

    void set(Integer days, Integer count) {
        this.keepDays = days;
        this.keepCount = count;
    }
}
