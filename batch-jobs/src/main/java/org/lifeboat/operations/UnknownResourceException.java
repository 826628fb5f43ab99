package org.lifeboat.operations;

/**
 * What the path names does not exist, or the caller may not see it (answered alike, so nobody learns what exists
 * by asking): a 404 with a sentence saying where to find what does.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class UnknownResourceException extends RuntimeException {

    private final String error;

    public UnknownResourceException(String error, String detail) {
        super(detail);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
