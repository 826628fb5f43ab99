package org.lifeboat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat import SOURCE department|subsystem ID FILE}: uploads an export and merges it back. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Upload an exported department or subsystem package and merge it into SOURCE (shared tables "
                + "are never written); prints the import job's execution id.")
class ImportCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "source name, e.g. hms")
    String source;

    @Parameters(index = "1", paramLabel = "KIND", description = "department or subsystem")
    TransferKind kind;

    @Parameters(index = "2", paramLabel = "ID", description = "department or subsystem id, e.g. HR or HR1")
    String transferId;

    @Parameters(index = "3", paramLabel = "FILE", description = "the package made by: lifeboat export")
    Path file;

    @Option(names = "--wait", description = "watch the import job until it ends; the exit code is the job's")
    boolean await;

    @Override
    public Integer call() throws Exception {
        LifeboatApi.Reply reply = api().upload("imports/" + LifeboatApi.encode(source) + "/" + kind.path() + "/"
                + LifeboatApi.encode(transferId), file);
        long executionId = reply.json().path("executionId").asLong();
        if (await) {
            if (!json()) {
                out.println("import of " + file.getFileName() + " into " + source + " " + kind.path() + " "
                        + transferId + " started: execution " + executionId);
            }
            return watch(executionId);
        }
        if (json()) {
            out.println(reply.body());
        } else {
            out.println(executionId);
            err.println("import started; follow it with: lifeboat watch " + executionId);
        }
        return ExitCodes.OK;
    }
}
