package org.lifeboat.security;

/**
 * The caller's roles do not allow the action: a 403 with the sentence of {@link Decision#reason()}. An application
 * exception, so an EJB that refuses passes it on as it is (not wrapped, not logged as a server error).
 * {@link #audited()} says whether the service that decided has audited the refusal already (then the adapter
 * must not audit it again).
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class ForbiddenException extends RuntimeException {

    private final boolean audited;

    public ForbiddenException(String reason) {
        this(reason, false);
    }

    private ForbiddenException(String reason, boolean audited) {
        super(reason);
        this.audited = audited;
    }

    /** A refusal its decider has audited. */
    public static ForbiddenException audited(String reason) {
        return new ForbiddenException(reason, true);
    }

    public boolean audited() {
        return audited;
    }
}
