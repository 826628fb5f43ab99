package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
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
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.batch.JobView;

/** Job executions: list, inspect with per-step and per-table progress, stop, restart, abandon. */
@Path("/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.DEPARTMENT_ADMIN})
public class JobsResource {

    @Inject
    BatchJobs jobs;

    @GET
    public List<JobView> list(@QueryParam("limit") @DefaultValue("50") int limit) {
        return jobs.recent(Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("/{id}")
    public JobView get(@PathParam("id") long id) {
        return jobs.view(id);
    }

    @POST
    @Path("/{id}/restart")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response restart(@PathParam("id") long id) {
        long next = jobs.restart(id);
        return accepted(next);
    }

    @POST
    @Path("/{id}/stop")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response stop(@PathParam("id") long id) {
        jobs.stop(id);
        return accepted(id);
    }

    @POST
    @Path("/{id}/abandon")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response abandon(@PathParam("id") long id) {
        jobs.abandon(id);
        return accepted(id);
    }

    static Response accepted(long executionId) {
        // the contract's Location is the path itself, not resolved against the request's base URI
        return Response.accepted(Map.of("executionId", executionId))
                .header(HttpHeaders.LOCATION, "/lifeboat/api/jobs/" + executionId).build();
    }
}
