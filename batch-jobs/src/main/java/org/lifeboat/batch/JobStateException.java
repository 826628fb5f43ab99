package org.lifeboat.batch;

/**
 * The execution is not in a state the action applies to (stop of an ended job, restart or abandon of a completed
 * one): a 409 that names the execution, its status and the action.
 */
@jakarta.ejb.ApplicationException
public class JobStateException extends RuntimeException {

    public JobStateException(String message) {
        super(message);
    }
}
