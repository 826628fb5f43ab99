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

    @Override
    public Integer call() {
        LifeboatApi.Reply reply = api().post("backups/" + id + "/verify", null);
        JsonNode result = reply.json();
        boolean ok = result.path("ok").asBoolean(false);
        if (json()) {
            out.println(reply.body());
        } else if (ok) {
            out.println("package " + id + " is intact: " + result.path("entriesChecked").asLong() + " entries and "
                    + result.path("rowsChecked").asLong() + " rows checked");
        } else {
            out.println("package " + id + " has " + result.path("problems").size() + " problem(s):");
            for (JsonNode problem : result.path("problems")) {
                out.println("  " + problem.asText());
            }
        }
        return ok ? ExitCodes.OK : ExitCodes.INVALID_PACKAGE;
    }
}
