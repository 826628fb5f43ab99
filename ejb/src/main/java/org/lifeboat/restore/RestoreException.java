package org.lifeboat.restore;

/**
 * A restore that cannot go on; the message names the table, the row (primary key or package line) and the reason.
 * Nothing has been changed in the live tables when it is thrown from the apply step (its transaction rolls back).
 */
@jakarta.ejb.ApplicationException(rollback = true) // a user error (4xx), not an ERROR stack trace in server.log
public class RestoreException extends RuntimeException {

    public RestoreException(String message) {
        super(message);
    }

    public RestoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
