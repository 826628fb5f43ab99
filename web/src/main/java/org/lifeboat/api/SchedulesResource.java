package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.lifeboat.batch.schedule.Scheduler;
import org.lifeboat.schedule.RetentionPolicy;
import org.lifeboat.schedule.RetentionService;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.source.SourceRegistry;

/** Schedules ({@code /schedules}) and retention ({@code /retention}); changes are for backup admins. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class SchedulesResource {

    public record ScheduleView(long id, String source, String scope, String expression, boolean enabled,
                               String nextRun, String lastRun, Long lastExecutionId) {}

    public record ScheduleRequest(String source, String scope, String expression) {}

    public record RetentionRequest(Integer keepDays, Integer keepCount) {}

    @Inject
    Scheduler scheduler;

    @Inject
    RetentionService retention;

    @Inject
    SourceRegistry sources;

    @Context
    SecurityContext security;

    @GET
    @Path("schedules")
    public List<ScheduleView> schedules() {
        return scheduler.list().stream().map(this::view).toList();
    }

    @POST
    @Path("schedules")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(ScheduleRequest r) {
        if (r == null || r.source() == null || r.expression() == null) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "incomplete schedule",
                    "send {\"source\": \"edms\", \"scope\": \"full\", \"expression\": \"daily 02:00\"}");
        }
        Schedule s = scheduler.create(r.source(), r.scope() == null ? "full" : r.scope(), r.expression(), user());
        return Response.status(Response.Status.CREATED).entity(view(s)).build();
    }

    @POST
    @Path("schedules/{id}/{state: enable|disable}")
    @RolesAllowed(Roles.ADMIN)
    public ScheduleView enable(@PathParam("id") long id, @PathParam("state") String state) {
        scheduler.enable(id, state.equals("enable"), user());
        return scheduler.list().stream().filter(s -> s.getId() == id).findFirst().map(this::view).orElseThrow();
    }

    @DELETE
    @Path("schedules/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") long id) {
        scheduler.delete(id, user());
        return Response.noContent().build();
    }

    @GET
    @Path("retention/{source}")
    public RetentionPolicy retention(@PathParam("source") String source) {
        return retention.policy(known(source));
    }

    @PUT
    @Path("retention/{source}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public RetentionPolicy setRetention(@PathParam("source") String source, RetentionRequest r) {
        return retention.set(known(source), r == null ? null : r.keepDays(), r == null ? null : r.keepCount(), user());
    }

    @POST
    @Path("retention/{source}/apply")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> applyRetention(@PathParam("source") String source) {
        return Map.of("deleted", retention.apply(known(source), user()));
    }

    /** The source, if a profile defines it; otherwise a 404 naming the known ones. */
    private String known(String source) {
        return sources.profile(source).source();
    }

    private ScheduleView view(Schedule s) {
        return new ScheduleView(s.getId(), s.getSource(), s.getScope(), s.getExpression(), s.isEnabled(),
                scheduler.nextRun(s.getId()).map(d -> d.toInstant().toString()).orElse(null),
                s.getLastRun() == null ? null : s.getLastRun().toString(), s.getLastExecutionId());
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }
}
