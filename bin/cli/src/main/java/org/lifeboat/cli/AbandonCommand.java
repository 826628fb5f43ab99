package org.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lifeboat abandon EXECUTION}: gives up a failed or stopped job for good. */
@Command(name = "abandon", mixinStandardHelpOptions = true,
        description = {"Abandon a failed or stopped job execution for good: it can no longer be restarted,",
                "and the server removes what it kept for a restart (a backup's work folder, a restore's",
                "staging schema in the target database)."})
class AbandonCommand extends ApiCommand {

    @Parameters(paramLabel = "EXECUTION", description = "the failed or stopped execution")
    long executionId;

    @Override
    public Integer call() throws Exception {
        LifeboatApi.Reply reply = api().post("jobs/" + executionId + "/abandon", null);
        if (json()) {
            out.println(reply.body());
        } else {
            out.println("execution " + executionId + " abandoned");
        }
        return ExitCodes.OK;
    }
}
