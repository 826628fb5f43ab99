package org.lifeboat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat export SOURCE department|subsystem ID}: exports and downloads one department or subsystem. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a department or subsystem of SOURCE and download the package (the server waits for "
                + "its export job, then streams the file).")
class ExportCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "SOURCE", description = "source name, e.g. hms")
    String source;

    @Parameters(index = "1", paramLabel = "KIND", description = "department or subsystem")
    TransferKind kind;

    @Parameters(index = "2", paramLabel = "ID", description = "department or subsystem id, e.g. HR or HR1")
    String transferId;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "file to write, or folder to write into")
    Path output;

    @Override
    public Integer call() throws Exception {
        saved(api().download("exports/" + LifeboatApi.encode(source) + "/" + kind.path() + "/"
                + LifeboatApi.encode(transferId), output, source + "-" + transferId + ".lifeboat.tar"));
        return ExitCodes.OK;
    }
}
