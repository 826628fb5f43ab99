package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Follows a job execution until it ends, polling {@code GET /jobs/{id}} and drawing its progress, then prints what
 * it produced and answers the exit code: 0 COMPLETED, 4 FAILED (with the error sentence), 5 STOPPED or ABANDONED.
 */
final class JobWatcher {

    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private final LifeboatApi api;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean live;

    /**
     * @param json print only the final JSON of the execution (for scripts)
     * @param live redraw in place (stdout is a terminal) rather than one line per change
     */
    JobWatcher(LifeboatApi api, PrintStream out, PrintStream err, boolean json, boolean live) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.json = json;
        this.live = live;
    }

    /** Whether the progress can be redrawn in place: only when a person is looking at a terminal. */
    static boolean onTerminal() {
        return System.console() != null;
    }

    int watch(long executionId) throws InterruptedException {
        JobProgressDisplay display = new JobProgressDisplay(out, live);
        while (true) {
            LifeboatApi.Reply reply = api.get("jobs/" + executionId);
            JsonNode job = reply.json();
            String status = job.path("status").asText();
            if (!json) {
                display.update(job, Instant.now());
            }
            if (FINAL.contains(status)) {
                if (json) {
                    out.println(reply.body());
                } else {
                    display.finish(job);
                    result(job);
                }
                if ("FAILED".equals(status)) {
                    err.println("error: " + (job.hasNonNull("error") ? job.get("error").asText()
                            : "the job failed without giving a reason; see the server log"));
                }
                return ExitCodes.forJobStatus(status);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private void result(JsonNode job) {
        JsonNode result = job.path("result");
        if (result.isMissingNode() || result.isNull()) {
            return;
        }
        if ("restore".equals(job.path("jobName").asText())) {
            RestoreReportText.print(result, out);
        } else if (result.hasNonNull("backupId")) {
            long rows = 0;
            for (JsonNode n : result.path("counts")) {
                rows += n.asLong();
            }
            out.println("package " + result.get("backupId").asLong() + ": " + result.path("file").asText()
                    + " (" + rows + " rows in " + result.path("counts").size() + " tables)");
        }
    }
}
