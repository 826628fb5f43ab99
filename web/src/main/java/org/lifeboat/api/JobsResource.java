package org.lifeboat.api;

import org.lifeboat.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.lifeboat.operations.JobControl;
import org.lifeboat.batch.JobView;
import org.lifeboat.security.CurrentCaller;

/**
 * Job executions: list, inspect with per-step and per-table progress, stop, restart, abandon. Lists and views show
 * what the caller may see; stop, restart and abandon need the right to start that job (see {@link JobControl}).
 */
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class JobsResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    @Inject
    JobControl control;

    @Inject
    CurrentCaller caller;

    @GET
    public List<JobView> list(@QueryParam("limit") String limit) {
        int n = limit == null || limit.isBlank() ? DEFAULT_LIMIT : (int) Math.min(number("limit", limit), MAX_LIMIT);
        return control.recent(caller.get(), Math.max(1, n));
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") String id) {
        return control.view(caller.get(), executionId(id));
    }

    @POST
    @Path("/{id}/restart")
    public Response restart(@PathParam("id") String id) {
        return accepted(control.restart(caller.get(), executionId(id)));
    }

    @POST
    @Path("/{id}/stop")
    public Response stop(@PathParam("id") String id) {
        long executionId = executionId(id);
        control.stop(caller.get(), executionId);
        return accepted(executionId);
    }

    @POST
    @Path("/{id}/abandon")
    public Response abandon(@PathParam("id") String id) {
        long executionId = executionId(id);
        control.abandon(caller.get(), executionId);
        return accepted(executionId);
    }

    static Response accepted(long executionId) {
        // the contract's Location is the path itself, not resolved against the request's base URI
        return Response.accepted(Map.of("executionId", executionId))
                .header(HttpHeaders.LOCATION, "/lifeboat/api/jobs/" + executionId).build();
    }

    static long executionId(String id) {
        return number("execution id", id);
    }

    /** A whole number from the URL, or a 400 that names the parameter and the value. */
    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "bad " + name, "the " + name + " must be a whole number"
                    + " (e.g. 42), not '" + value + "'; GET /lifeboat/api/jobs lists the executions");
        }
    }
}
