package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lifeboat.operations.InvalidRequestException;
import org.lifeboat.operations.RestoreRequest;
import org.lifeboat.operations.RestoreService;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Role;

/**
 * {@code POST /restores}: a dry run (200 with the report, nothing changed) or a restore job (202). What is allowed
 * and checked is {@link RestoreService}'s: operators merge, backup admins also replace and clean (with the typed
 * confirmation), and only they restore into another source or let an unsigned upload's schema SQL run.
 */
@Path("/restores")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class RestoresResource {

    public static final String CONFIRMATION = RestoreService.CONFIRMATION;

    /** The body of {@code POST /restores}. */
    public record RestoreBody(Long backupId, String source, String mode, String confirm, Boolean dryRun,
                              Boolean restoreStorage, Boolean restoreConfiguration, Boolean allowUploadedSchema,
                              Boolean allowOtherSource, Boolean dryRunJob) {}

    @Inject
    RestoreService restores;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response restore(RestoreBody body) throws java.io.IOException {
        if (body == null) {
            throw new InvalidRequestException("backupId missing", "send {\"backupId\": <id from GET "
                    + "/lifeboat/api/backups>, \"source\": \"<name>\", \"mode\": \"merge|replace|clean\"}");
        }
        RestoreRequest request = new RestoreRequest(body.backupId(), body.source(), RestoreRequest.mode(body.mode()),
                body.confirm(), !Boolean.FALSE.equals(body.restoreStorage()),
                Boolean.TRUE.equals(body.restoreConfiguration()), Boolean.TRUE.equals(body.allowUploadedSchema()),
                Boolean.TRUE.equals(body.allowOtherSource()));
        if (!Boolean.TRUE.equals(body.dryRun())) {
            return JobsResource.accepted(restores.start(caller.get(), request));
        }
        RestoreService.DryRunResult result = restores.dryRun(caller.get(), request,
                Boolean.TRUE.equals(body.dryRunJob()));
        if (result.executionId() != null) { // a large package: rehearsed by a job, its report is the job's result
            return Response.fromResponse(JobsResource.accepted(result.executionId())).entity(Map.of("dryRun", true,
                    "executionId", result.executionId(), "backupId", result.backup().getId())).build();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", true);
        answer.put("backupId", result.backup().getId());
        answer.put("source", result.source());
        answer.put("mode", result.mode().toString());
        answer.putAll(RestoreReportJson.toMap(result.report()));
        return Response.ok(answer).build();
    }
}
