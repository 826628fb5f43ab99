package org.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat restart EXECUTION}: restarts a failed or stopped job from its last checkpoints. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart a failed or stopped job execution from its checkpoints; prints the new execution id.")
class RestartCommand extends ApiCommand {

    @Parameters(paramLabel = "EXECUTION", description = "the failed or stopped execution")
    long executionId;

    @Option(names = "--wait", description = "watch the new execution until it ends")
    boolean await;

    @Override
    public Integer call() throws Exception {
        LifeboatApi.Reply reply = api().post("jobs/" + executionId + "/restart", null);
        long next = reply.json().path("executionId").asLong();
        if (await) {
            if (!json()) {
                out.println("execution " + executionId + " restarted as execution " + next);
            }
            return watch(next);
        }
        if (json()) {
            out.println(reply.body());
        } else {
            out.println(next);
            err.println("execution " + executionId + " restarted; follow it with: lifeboat watch " + next);
        }
        return ExitCodes.OK;
    }
}
