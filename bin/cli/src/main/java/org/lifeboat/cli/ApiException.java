package org.lifeboat.cli;

/** The server answered with an error: its status and its documented {@code {"error", "detail"}} body. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String detail;

    public ApiException(int status, String error, String detail) {
        super(error + ": " + detail);
        this.status = status;
        this.error = error;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    public int exitCode() {
        return ExitCodes.forHttpStatus(status);
    }
}
