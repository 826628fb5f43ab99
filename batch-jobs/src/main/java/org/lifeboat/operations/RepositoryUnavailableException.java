package org.lifeboat.operations;

/** A repository's store could not be reached or refused the request (credentials, bucket): a 502. */
@jakarta.ejb.ApplicationException(rollback = true)
public class RepositoryUnavailableException extends RuntimeException {
    public RepositoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
