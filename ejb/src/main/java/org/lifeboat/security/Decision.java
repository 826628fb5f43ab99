package org.lifeboat.security;

/** The answer of {@link Permissions}: allowed, or refused with the sentence a 403 and the audit log carry. */
public record Decision(boolean allowed, String reason) {

    static final Decision ALLOWED = new Decision(true, null);

    static Decision refused(String reason) {
        return new Decision(false, reason);
    }

    /** Throws {@link ForbiddenException} with the reason when refused. */
    public void orThrow() {
        if (!allowed) {
            throw new ForbiddenException(reason);
        }
    }
}
