package org.lifeboat.audit;

/** How an audited action ended; the stored text is what the audit log has always shown. */
public enum Outcome {
    /** Allowed and done (or, for a job, started / ended well). */
    SUCCESS,
    /** Refused: a role, a rule or the state of a job did not allow it; nothing changed. */
    REFUSED,
    /** Allowed, tried, and failed. */
    FAIL,
    /** A job stopped on request before its end. */
    STOPPED
}
