package org.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lifeboat watch EXECUTION}: live progress of a job until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Follow a job execution with a progress bar per table until it ends.",
                "Exit code 0 COMPLETED, 4 FAILED, 5 STOPPED or ABANDONED."})
class WatchCommand extends ApiCommand {

    @Parameters(paramLabel = "EXECUTION", description = "job execution id (see: lifeboat jobs)")
    long executionId;

    @Override
    public Integer call() throws Exception {
        return watch(executionId);
    }
}
