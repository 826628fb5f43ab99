package org.lifeboat.schedule;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How long a source's packages are kept: at most {@code keepDays} old and/or the newest {@code keepCount}, and/or
 * a grandfather-father-son schedule (the newest of each of the last {@code keepDaily} days, {@code keepWeekly}
 * weeks, {@code keepMonthly} months; see {@link RetentionRules}).
 */
@Entity
@Table(name = "lifeboat_retention")
public class RetentionPolicy {

    @Id
    private String source;

    private Integer keepDays;

    private Integer keepCount;

    private Integer keepDaily;

    private Integer keepWeekly;

    private Integer keepMonthly;

    protected RetentionPolicy() {}

    public RetentionPolicy(String source, Integer keepDays, Integer keepCount) {
        this.source = source;
        this.keepDays = keepDays;
        this.keepCount = keepCount;
    }

    public String getSource() { return source; }
    public Integer getKeepDays() { return keepDays; }
    public Integer getKeepCount() { return keepCount; }
    public Integer getKeepDaily() { return keepDaily; }
    public Integer getKeepWeekly() { return keepWeekly; }
    public Integer getKeepMonthly() { return keepMonthly; }

    /** The grandfather-father-son part of the policy. */
    public RetentionRules.Generations generations() {
        return new RetentionRules.Generations(keepDaily, keepWeekly, keepMonthly);
    }

    void set(Integer days, Integer count, RetentionRules.Generations generations) {
        this.keepDays = days;
        this.keepCount = count;
        this.keepDaily = generations.daily();
        this.keepWeekly = generations.weekly();
        this.keepMonthly = generations.monthly();
    }
}
