package org.lifeboat.security;

/**
 * The caller's roles do not allow the action: a 403 with the sentence of {@link Decision#reason()}. An application
 * exception, so an EJB that refuses passes it on as it is (not wrapped, not logged as a server error).
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String reason) {
        super(reason);
    }
}
