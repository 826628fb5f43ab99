package org.lifeboat.source;

/** A source whose database cannot be reached or whose datasource is not configured. */
public class SourceUnavailableException extends RuntimeException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
