package org.lifeboat.audit;

/** What an audit entry records; the name is what the log, its CSV export and REST filters show. */
public enum AuditAction {
    BACKUP, RESTORE, RESTORE_DRY_RUN, EXPORT, IMPORT, UPLOAD, DOWNLOAD, VERIFY, DELETE,
    SCHEDULE, RETENTION, RETENTION_POLICY, RETENTION_DELETE,
    STOP, RESTART, ABANDON,
    /**
     * Off-site repositories: a package copied to one, a repository's bucket read back into the catalog, a package
     * brought back from one to this server, a copy's session key re-wrapped for the repository's current keys.
     */
    COPY, RESCAN, FETCH, REWRAP,
    LOGIN, SIGN_IN, LOCKOUT_LIFT, AUDIT_READ,
    /** Reading the protection status (audited when refused). */
    STATUS_READ,
    /** A request the container or {@code Permissions} refused that no service had audited (see RefusalAudit). */
    FORBIDDEN, UNAUTHENTICATED, CROSS_SITE_REQUEST,
    /** Refusals held back by the per-minute cap, audited as one entry with their count. */
    REFUSED_REQUESTS
}
