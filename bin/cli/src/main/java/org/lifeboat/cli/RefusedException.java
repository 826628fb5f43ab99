package org.lifeboat.cli;

/** The client itself refused to go on (a clean restore that was not confirmed); nothing was sent. */
public class RefusedException extends RuntimeException {

    public RefusedException(String reason) {
        super(reason);
    }
}
