package org.lifeboat.batch;

/** No job execution with this id, or none the caller may see: a 404 that names the id. */
@jakarta.ejb.ApplicationException
public class UnknownExecutionException extends RuntimeException {

    private final long executionId;

    public UnknownExecutionException(long executionId) {
        super("no job execution " + executionId + "; GET /lifeboat/api/jobs lists them");
        this.executionId = executionId;
    }

    public long executionId() {
        return executionId;
    }
}
