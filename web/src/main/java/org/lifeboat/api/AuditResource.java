package org.lifeboat.api;

import org.lifeboat.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.lifeboat.audit.AuditEntry;
import org.lifeboat.audit.AuditLog;

/** {@code GET /audit?action=&user=&from=&to=}: audit entries, newest first. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class AuditResource {

    public record AuditView(long id, String timestamp, String user, String action, String scope, String target,
                            String status, String fileName, Long jobExecutionId, String details) {}

    @Inject
    AuditLog audit;

    @Inject
    org.lifeboat.security.CurrentCaller caller;

    @GET
    public List<AuditView> list(@QueryParam("action") String action, @QueryParam("user") String user,
                                @QueryParam("status") String status, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("500") int limit) {
        org.lifeboat.security.Permissions.mayReadAudit(caller.get()).orThrow();
        return audit.find(blankToNull(action), blankToNull(user), blankToNull(status), instant("from", from),
                        instant("to", to), Math.max(1, Math.min(limit, 10_000)))
                .stream().map(AuditResource::view).toList();
    }

    /** Whether the hash chain is intact: every entry still seals its predecessor. */
    @GET
    @jakarta.ws.rs.Path("/verify")
    public AuditLog.ChainCheck verify() {
        org.lifeboat.security.Permissions.mayReadAudit(caller.get()).orThrow();
        return audit.verifyChain();
    }

    static AuditView view(AuditEntry e) {
        return new AuditView(e.getId(), e.getOccurredAt().toString(), e.getUsername(), e.getAction(), e.getScope(),
                e.getTarget(), e.getStatus(), e.getFileName(), e.getJobExecutionId(), e.getDetails());
    }

    /** Accepts an ISO instant (2026-11-21T02:00:00Z) or a date (2026-11-21, meaning its start in UTC). */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "bad " + name,
                    "'" + value + "' is neither a date (2026-11-21) nor an ISO instant (2026-11-21T02:00:00Z)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
