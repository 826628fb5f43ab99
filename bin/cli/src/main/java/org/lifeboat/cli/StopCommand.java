package org.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lifeboat stop EXECUTION}: asks a running job to stop at its next checkpoint. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Ask a running job execution to stop at its next checkpoint (restart it later with"
                + " 'lifeboat restart').")
class StopCommand extends ApiCommand {

    @Parameters(paramLabel = "EXECUTION", description = "the running execution")
    long executionId;

    @Override
    public Integer call() throws Exception {
        LifeboatApi.Reply reply = api().post("jobs/" + executionId + "/stop", null);
        if (json()) {
            out.println(reply.body());
        } else {
            out.println("execution " + executionId + " asked to stop; follow it with: lifeboat watch " + executionId);
        }
        return ExitCodes.OK;
    }
}
