package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat jobs}: the recent job executions (GET /jobs), newest first. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List recent job executions.")
class JobsCommand extends ApiCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "how many (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        LifeboatApi.Reply reply = api().get("jobs?limit=" + limit);
        if (json()) {
            out.println(reply.body());
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("EXECUTION>", "JOB", "STATUS", "STARTED", "ENDED", "SOURCE", "WHAT", "BY");
        for (JsonNode job : reply.json()) {
            JsonNode p = job.path("parameters");
            table.row(job.path("executionId").asLong(), job.path("jobName").asText(), job.path("status").asText(),
                    ListCommand.shortTime(job.path("startTime").asText(null)),
                    ListCommand.shortTime(job.path("endTime").asText(null)), p.path("source").asText(""),
                    what(p), by(job, p));
        }
        out.print(table.render());
        return ExitCodes.OK;
    }

    /** Who started the job, and who restarted this execution if anyone did. */
    private static String by(JsonNode job, JsonNode parameters) {
        String started = job.path("startedBy").asText(parameters.path("requestedBy").asText(""));
        return job.hasNonNull("restartedBy") ? started + " (restarted by " + job.get("restartedBy").asText() + ")"
                : started;
    }

    /** A backup's scope, or a restore's mode and package. */
    private static String what(JsonNode parameters) {
        if (parameters.hasNonNull("mode")) {
            return parameters.get("mode").asText() + (parameters.hasNonNull("backupId")
                    ? " from package " + parameters.get("backupId").asText() : "");
        }
        return parameters.path("scope").asText("");
    }
}
