package org.lifeboat.source;

/** A source whose database cannot be reached or whose datasource is not configured. */
@jakarta.ejb.ApplicationException(rollback = true) // the source cannot be used now (503), not an ERROR stack trace
public class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
