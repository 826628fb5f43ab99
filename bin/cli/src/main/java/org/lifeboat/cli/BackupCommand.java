package org.lifeboat.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lifeboat backup SOURCE}: starts a backup job (POST /backups) and prints its execution id. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Start a backup of SOURCE and print the job's execution id (with --wait: follow it to its end).")
class BackupCommand extends ApiCommand {

    @Parameters(paramLabel = "SOURCE", description = "source name, e.g. edms or hms")
    String source;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "full, database (the server's default), storage, "
            + "configuration, department:<id>, subsystem:<id> or tables:<t1,t2>")
    String scope;

    @Option(names = "--wait", description = "watch the job until it ends; the exit code is the job's")
    boolean await;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        if (scope != null) {
            body.put("scope", scope);
        }
        LifeboatApi.Reply reply = api().post("backups", body);
        long executionId = reply.json().path("executionId").asLong();
        String what = "backup of " + source + (scope == null ? "" : " (" + scope + ")");
        if (await) {
            if (!json()) {
                out.println(what + " started: execution " + executionId);
            }
            return watch(executionId);
        }
        if (json()) {
            out.println(reply.body());
        } else {
            out.println(executionId);
            err.println(what + " started; follow it with: lifeboat watch " + executionId);
        }
        return ExitCodes.OK;
    }
}
