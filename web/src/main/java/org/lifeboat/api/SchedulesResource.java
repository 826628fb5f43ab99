package org.lifeboat.api;

import org.lifeboat.security.Role;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.lifeboat.operations.InvalidRequestException;
import org.lifeboat.operations.ScheduleService;
import org.lifeboat.schedule.RetentionPolicy;
import org.lifeboat.schedule.RetentionRules;
import org.lifeboat.schedule.Schedule;
import org.lifeboat.security.CurrentCaller;

/** Schedules ({@code /schedules}) and retention ({@code /retention}); changes are for backup admins. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class SchedulesResource {

    public record ScheduleView(long id, String source, String scope, String expression, boolean enabled,
                               String nextRun, String lastRun, Long lastExecutionId) {}

    public record ScheduleRequest(String source, String scope, String expression) {}

    /** keepDays, keepCount, and the grandfather-father-son counts keepDaily, keepWeekly, keepMonthly. */
    public record RetentionRequest(Integer keepDays, Integer keepCount, Integer keepDaily, Integer keepWeekly,
                                   Integer keepMonthly) {}

    @Inject
    ScheduleService schedules;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("schedules")
    public List<ScheduleView> schedules() {
        return schedules.list(caller.get()).stream().map(this::view).toList();
    }

    @POST
    @Path("schedules")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ScheduleRequest r) {
        Schedule s = schedules.create(caller.get(), r == null ? null : r.source(), r == null ? null : r.scope(),
                r == null ? null : r.expression());
        return Response.status(Response.Status.CREATED).entity(view(s)).build();
    }

    @POST
    @Path("schedules/{id}/{state: enable|disable}")
    public ScheduleView enable(@PathParam("id") String id, @PathParam("state") String state) {
        return view(schedules.enable(caller.get(), scheduleId(id), state.equals("enable")));
    }

    @DELETE
    @Path("schedules/{id}")
    public Response delete(@PathParam("id") String id) {
        schedules.delete(caller.get(), scheduleId(id));
        return Response.noContent().build();
    }

    @GET
    @Path("retention/{source}")
    public RetentionPolicy retention(@PathParam("source") String source) {
        return schedules.policy(caller.get(), source);
    }

    @PUT
    @Path("retention/{source}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RetentionPolicy setRetention(@PathParam("source") String source, RetentionRequest r) {
        return schedules.setRetention(caller.get(), source, r == null ? null : r.keepDays(),
                r == null ? null : r.keepCount(), r == null ? RetentionRules.Generations.NONE
                        : new RetentionRules.Generations(r.keepDaily(), r.keepWeekly(), r.keepMonthly()));
    }

    @POST
    @Path("retention/{source}/apply")
    public Map<String, Object> applyRetention(@PathParam("source") String source) {
        return Map.of("deleted", schedules.applyRetention(caller.get(), source));
    }

    private static long scheduleId(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("bad schedule id", "the schedule id must be a whole number (e.g. 3), "
                    + "not '" + id + "'; GET /lifeboat/api/schedules lists them");
        }
    }

    private ScheduleView view(Schedule s) {
        return new ScheduleView(s.getId(), s.getSource(), s.getScope(), s.getExpression(), s.isEnabled(),
                schedules.nextRun(s.getId()).map(d -> d.toInstant().toString()).orElse(null),
                s.getLastRun() == null ? null : s.getLastRun().toString(), s.getLastExecutionId());
    }
}
