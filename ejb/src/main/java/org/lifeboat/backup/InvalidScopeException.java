package org.lifeboat.backup;

/** A scope that cannot be parsed or does not fit the source (unknown department, missing table...). */
public class InvalidScopeException extends RuntimeException {
    public InvalidScopeException(String message) {
        super(message);
    }
}
