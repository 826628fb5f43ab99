package org.lifeboat.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.security.Decision;
import org.lifeboat.security.ForbiddenException;

/** Where a service's decisions and refusals are audited: once, with the reason, before the refusal is thrown. */
@ApplicationScoped
public class Gate {

    @Inject
    AuditLog audit;

    /** Goes on when allowed; otherwise audits the refusal and throws a {@link ForbiddenException} marked audited. */
    public void check(Decision decision, AuditEvent event) {
        check(decision, event, "");
    }

    /** As {@link #check(Decision, AuditEvent)}, with words added to the refusal's sentence. */
    public void check(Decision decision, AuditEvent event, String suffix) {
        if (!decision.allowed()) {
            String reason = decision.reason() + suffix;
            audit.record(event, Outcome.REFUSED, reason);
            throw ForbiddenException.audited(reason);
        }
    }

    /** Audits a refusal that is not a role's (bad state, bad content, a job running) and returns it to be thrown. */
    public <E extends RuntimeException> E refused(AuditEvent event, E refusal) {
        audit.record(event, Outcome.REFUSED, refusal.getMessage());
        return refusal;
    }

    /** Audits a refusal whose reason is only a sentence (e.g. an upload's checked exception). */
    public void refused(AuditEvent event, String sentence) {
        audit.record(event, Outcome.REFUSED, sentence);
    }

    public void allowed(AuditEvent event, String sentence) {
        audit.record(event, Outcome.SUCCESS, sentence);
    }

    public void failed(AuditEvent event, String sentence) {
        audit.record(event, Outcome.FAIL, sentence);
    }
}
