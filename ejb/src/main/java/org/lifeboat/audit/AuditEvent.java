package org.lifeboat.audit;

/**
 * Who did what to what: the part of an audit entry known before the outcome. Built with {@link #of} and the
 * withers, recorded with {@link AuditLog#record(AuditEvent, Outcome, String)}.
 *
 * @param user           who asked ({@code null}: anonymous)
 * @param action         what was asked
 * @param scope          the backup scope, the restore mode or the HTTP method, when there is one
 * @param target         the source, the page or the path acted on
 * @param file           the package file or upload name concerned
 * @param jobExecutionId the job execution started or acted on
 */
public record AuditEvent(String user, AuditAction action, String scope, String target, String file,
                         Long jobExecutionId) {

    public static AuditEvent of(String user, AuditAction action) {
        return new AuditEvent(user, action, null, null, null, null);
    }

    public AuditEvent scope(String scope) {
        return new AuditEvent(user, action, scope, target, file, jobExecutionId);
    }

    public AuditEvent target(String target) {
        return new AuditEvent(user, action, scope, target, file, jobExecutionId);
    }

    public AuditEvent file(String file) {
        return new AuditEvent(user, action, scope, target, file, jobExecutionId);
    }

    public AuditEvent job(Long jobExecutionId) {
        return new AuditEvent(user, action, scope, target, file, jobExecutionId);
    }
}
