package org.lifeboat.cli;

/** Nothing answered at the configured URL (connection refused, unknown host, time-out). */
public class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String url, Throwable cause) {
        super("cannot reach Lifeboat at " + url + ": " + describe(cause), cause);
    }

    /** The JDK's HTTP client often throws without a message; say what the exception type means. */
    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host";
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
            if (t instanceof java.net.http.HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof java.net.ConnectException) {
                return "connection refused (is the server running?)";
            }
        }
        return cause.getClass().getSimpleName();
    }
}
