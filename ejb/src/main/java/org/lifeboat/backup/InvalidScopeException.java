package org.lifeboat.backup;

/** A scope that cannot be parsed or does not fit the source (unknown department, missing table...). */
@jakarta.ejb.ApplicationException(rollback = true) // a user error (4xx), not an ERROR stack trace in server.log
public class InvalidScopeException extends RuntimeException {
    public InvalidScopeException(String message) {
        super(message);
    }
}
