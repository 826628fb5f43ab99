package org.lifeboat.api;

import org.lifeboat.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Permissions;
import org.lifeboat.security.SignInThrottle;

/** Sign-in lockouts (per user and address): a backup-admin sees them and lifts them. */
@Path("/security/lockouts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class SecurityResource {

    @Inject
    SignInThrottle throttle;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @GET
    public List<SignInThrottle.Lockout> lockouts() {
        Permissions.mayAdminister(caller.get()).orThrow();
        return throttle.lockouts();
    }

    @DELETE
    @Path("/{user}")
    public Map<String, Object> lift(@PathParam("user") String user) {
        Permissions.mayAdminister(caller.get()).orThrow();
        int lifted = throttle.lift(user);
        audit.record(AuditEvent.of(caller.name(), AuditAction.LOCKOUT_LIFT).target(user), Outcome.SUCCESS,
                lifted + " lockout(s) of '" + user + "' lifted");
        return Map.of("user", user, "lifted", lifted);
    }
}
