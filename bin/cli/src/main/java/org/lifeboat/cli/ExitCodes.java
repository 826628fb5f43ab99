package org.lifeboat.cli;

/**
 * The exit codes scripts can trust, and how an HTTP status maps onto them. {@code lifeboat --help} and
 * {@code docs/CLI.md} list the same table.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int USAGE = 1;
    public static final int REFUSED = 2;
    public static final int INVALID_PACKAGE = 3;
    public static final int JOB_FAILED = 4;
    public static final int JOB_STOPPED = 5;
    public static final int SERVER_ERROR = 6;
    /** {@code status}: some source is at risk or unprotected (for cron, Nagios and the like). */
    public static final int AT_RISK = 7;

    private ExitCodes() {}

    /** 401/403 are refusals, 413/422 a package the server would not take, anything else a server error. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 401, 403 -> REFUSED;
            case 413, 422 -> INVALID_PACKAGE;
            default -> status >= 200 && status < 300 ? OK : SERVER_ERROR;
        };
    }

    /** A finished job's batch status: COMPLETED is 0, FAILED 4, STOPPED and ABANDONED 5. */
    public static int forJobStatus(String status) {
        return switch (status) {
            case "COMPLETED" -> OK;
            case "FAILED" -> JOB_FAILED;
            case "STOPPED", "ABANDONED" -> JOB_STOPPED;
            default -> throw new IllegalArgumentException("job status " + status + " is not final");
        };
    }
}
