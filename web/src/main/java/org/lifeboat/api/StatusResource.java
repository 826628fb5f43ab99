package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.lifeboat.operations.StatusService;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Role;
import org.lifeboat.status.Protection;

/** Protection status: per source, is it protected, at risk or unprotected, and why. */
@Path("/status")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class StatusResource {

    /** All sources, worst first; {@code verdict} is the worst of them. */
    public record StatusView(String verdict, int atRisk, int unprotected, String at, List<SourceView> sources) {}

    /**
     * One source: {@code verdict} PROTECTED, AT_RISK or UNPROTECTED with its {@code reason}; the recovery-point
     * objective and the newest good backup's age in seconds; where that backup (or one within the objective) is
     * copied; the last successful verify; {@code lastDrilledAt} null until restore drills exist.
     */
    public record SourceView(String source, String verdict, String reason, long rpoSeconds, Long lastGoodBackupId,
                             String lastGoodScope, String lastGoodBackupAt, Long ageSeconds, List<String> offsiteCopies,
                             String lastVerifiedAt, String lastDrilledAt) {}

    @Inject
    StatusService status;

    @Inject
    CurrentCaller caller;

    @GET
    public StatusView get() {
        StatusService.Status s = status.status(caller.get());
        return new StatusView(s.verdict().toString(), s.atRisk(), s.unprotected(), s.at().toString(),
                s.sources().stream().map(StatusResource::view).toList());
    }

    static SourceView view(Protection.Assessment a) {
        return new SourceView(a.source(), a.verdict().toString(), a.reason(), a.rpo().toSeconds(),
                a.lastGoodBackupId(), a.lastGoodScope(), text(a.lastGoodBackupAt()), a.ageSeconds(),
                a.offsiteCopies(), text(a.lastVerifiedAt()), text(a.lastDrilledAt()));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
