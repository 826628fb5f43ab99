package org.lifeboat.source;

/** A source name that no profile defines. */
public class UnknownSourceException extends RuntimeException {
    public UnknownSourceException(String name, java.util.Collection<String> known) {
        super("unknown source '" + name + "'; known sources: " + String.join(", ", known));
    }
}
