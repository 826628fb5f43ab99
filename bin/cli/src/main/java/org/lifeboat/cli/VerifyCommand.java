package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lifeboat verify ID}: the server re-reads a package and checks every checksum and count. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check every checksum and row count of a stored package; exit code 3 when it has problems.")
class VerifyCommand extends ApiCommand {

    @Parameters(paramLabel = "ID", description = "package id (see: lifeboat list)")
    long id;

    @picocli.CommandLine.Option(names = "--repository",
            description = "check the package's copy in this repository (read back from the store) instead")
    String repository;

    @Override
    public Integer call() {
        LifeboatApi.Reply reply = api().post("backups/" + id + "/verify"
                + (repository == null ? "" : "?repository=" + LifeboatApi.encode(repository)), null);
        JsonNode result = reply.json();
        boolean ok = result.path("ok").asBoolean(false);
        if (json()) {
            out.println(reply.body());
        } else if (ok) {
            String where = repository == null ? "" : " in " + repository;
            out.println(result.path("entriesChecked").asLong() == 0 && repository != null
                    ? "package " + id + where + " is intact as stored (its SHA-256); its contents were not opened: "
                    + "the server holds no key of " + repository
                    : "package " + id + where + " is intact: " + result.path("entriesChecked").asLong()
                    + " entries and " + result.path("rowsChecked").asLong() + " rows checked");
        } else {
            out.println("package " + id + " has " + result.path("problems").size() + " problem(s):");
            for (JsonNode problem : result.path("problems")) {
                out.println("  " + problem.asText());
            }
        }
        return ok ? ExitCodes.OK : ExitCodes.INVALID_PACKAGE;
    }
}
