package org.lifeboat.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;

/**
 * Audits refused requests (401: no or wrong credentials; 403: a role that does not allow the call) at most
 * {@value #PER_MINUTE} a minute, so a flood cannot fill the disk; what was held back is audited as one row with
 * its count when the next minute's first refusal comes.
 */
@ApplicationScoped
public class RefusalAudit {

    static final int PER_MINUTE = 60;

    @Inject
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();
    private long minute;
    private int recorded;
    private int held;

    public void refused(String user, AuditAction action, String target, String detail) {
        long now = clock.instant().getEpochSecond() / 60;
        int heldBack;
        synchronized (this) {
            heldBack = 0;
            if (now != minute) {
                heldBack = held;
                minute = now;
                recorded = 0;
                held = 0;
            }
            if (recorded >= PER_MINUTE) {
                held++;
                return;
            }
            recorded++;
        }
        if (heldBack > 0) {
            audit.record(AuditEvent.of(null, AuditAction.REFUSED_REQUESTS), Outcome.REFUSED, heldBack
                    + " further refused requests in the minute before " + Instant.ofEpochSecond(now * 60)
                    + " were not audited one by one (more than " + PER_MINUTE + " a minute)");
        }
        audit.record(AuditEvent.of(user, action).target(target), Outcome.REFUSED, detail);
    }
}
