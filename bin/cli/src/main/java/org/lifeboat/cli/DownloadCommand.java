package org.lifeboat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat download ID}: streams a stored package to disk (GET /backups/{id}/download). */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download a stored package, under the name the server gives it unless -o says otherwise.")
class DownloadCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "package id (see: lifeboat list)")
    long id;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "file to write, or folder to write into")
    Path output;

    @Override
    public Integer call() throws Exception {
        PackageDownload.Saved saved = api().download("backups/" + id + "/download", output,
                "lifeboat-package-" + id + ".tar");
        saved(saved);
        return ExitCodes.OK;
    }
}
