package org.lifeboat.security;

/** The caller's roles do not allow the action: a 403 with the sentence of {@link Decision#reason()}. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String reason) {
        super(reason);
    }
}
