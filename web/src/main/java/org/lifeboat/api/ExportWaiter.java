package org.lifeboat.api;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.operations.TransferService;
import org.lifeboat.security.Caller;

/**
 * Answers a suspended {@code GET /exports/...} when its job has ended. No request thread waits: a check every
 * {@value #POLL_MILLIS} ms on the server's managed scheduler looks at the job's status, and the answer (the file,
 * or the job's error) is sent from there. After {@value #TIMEOUT_MINUTES} minutes the request is answered 202 with
 * the job's location, and the file can be fetched later from {@code GET /exports/{execution}}.
 */
@ApplicationScoped
public class ExportWaiter {

    static final long POLL_MILLIS = 250;
    static final long TIMEOUT_MINUTES = 30;
    private static final List<String> ENDED = List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    BatchJobs jobs;

    @Inject
    TransferService transfers;

    void answerWhenEnded(long executionId, Caller caller, AsyncResponse response) {
        AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
        response.setTimeout(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        response.setTimeoutHandler(r -> {
            cancel(check);
            r.resume(jakarta.ws.rs.core.Response.fromResponse(JobsResource.accepted(executionId))
                    .entity(java.util.Map.of("executionId", executionId, "download",
                            "/lifeboat/api/exports/" + executionId, "detail", "the export is still running; fetch "
                                    + "the file from the download path when GET /lifeboat/api/jobs/" + executionId
                                    + " shows COMPLETED")).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                    .build());
        });
        check.set(scheduler.scheduleWithFixedDelay(() -> {
            if (response.isDone()) {
                cancel(check);
                return;
            }
            String status = jobs.execution(executionId).map(BatchJobs.Execution::status).orElse("ABANDONED");
            if (!ENDED.contains(status)) {
                return;
            }
            cancel(check);
            try {
                response.resume(TransfersResource.file(transfers.export(caller, executionId)));
            } catch (Exception | Error e) {
                response.resume(e);
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS));
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> check) {
        ScheduledFuture<?> f = check.get();
        if (f != null) {
            f.cancel(false);
        }
    }
}
