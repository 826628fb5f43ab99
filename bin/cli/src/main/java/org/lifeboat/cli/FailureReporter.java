package org.lifeboat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns what went wrong into one line on stderr and the documented exit code: the server's {@code error: detail},
 * the client's refusal, or why the server could not be reached.
 */
final class FailureReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code;
        if (e instanceof ApiException api) {
            err.println(api.error() + ": " + api.detail());
            code = api.exitCode();
        } else if (e instanceof RefusedException) {
            err.println("refused: " + e.getMessage());
            code = ExitCodes.REFUSED;
        } else if (e instanceof ConnectionSettings.SettingsException) {
            err.println("lifeboat: " + e.getMessage());
            code = ExitCodes.USAGE;
        } else if (e instanceof ServerUnreachableException || e instanceof IOException) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.SERVER_ERROR;
        } else if (e instanceof InterruptedException) {
            err.println("interrupted");
            code = ExitCodes.SERVER_ERROR;
        } else {
            err.println("lifeboat failed unexpectedly: " + e);
            e.printStackTrace(err);
            code = ExitCodes.SERVER_ERROR;
        }
        err.flush();
        return code;
    }
}
