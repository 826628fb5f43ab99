package org.lifeboat.operations;

/**
 * The request itself is wrong (a missing or malformed field, a value out of range, a reference to nothing): a 400
 * with a short {@link #error()} and a sentence saying what to send instead. Nothing was changed.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class InvalidRequestException extends RuntimeException {

    private final String error;

    public InvalidRequestException(String error, String detail) {
        super(detail);
        this.error = error;
    }

    /** A few words: "source missing", "bad threads", "wrong source". */
    public String error() {
        return error;
    }
}
