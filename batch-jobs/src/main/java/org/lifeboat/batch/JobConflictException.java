package org.lifeboat.batch;

/** Another job already works on the source; names it, so the user can wait for it or stop it. */
@jakarta.ejb.ApplicationException(rollback = true) // a user error: 409, not an ERROR stack trace
public class JobConflictException extends RuntimeException {

    private final long runningExecution;

    public JobConflictException(String source, long runningExecution) {
        super("execution " + runningExecution + " is already working on '" + source + "'; wait for it or stop it "
                + "(POST /lifeboat/api/jobs/" + runningExecution + "/stop)");
        this.runningExecution = runningExecution;
    }

    public long runningExecution() {
        return runningExecution;
    }
}
