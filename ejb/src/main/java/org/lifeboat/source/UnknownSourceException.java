package org.lifeboat.source;

/**
 * A source name that no profile defines: the user's mistake (a 404), so an application exception that EJBs pass on
 * as it is rather than log as a server failure.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class UnknownSourceException extends RuntimeException {
    public UnknownSourceException(String name, java.util.Collection<String> known) {
        super("unknown source '" + name + "'; known sources: " + String.join(", ", known));
    }
}
