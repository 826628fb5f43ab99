package org.lifeboat.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * The {@link Caller} of the current HTTP request (REST and console alike), built once from the container's role
 * checks and the departments the profiles define.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    HttpServletRequest request;

    @Inject
    SourceRegistry sources;

    @Inject
    org.lifeboat.console.ConsoleUser consoleUser;

    private Caller caller;

    public Caller get() {
        if (caller == null && request.getUserPrincipal() == null && consoleUser.isSignedIn()
                && consoleUser.caller() != null) {
            caller = consoleUser.caller(); // the console keeps its user in the session, not in the request
        }
        if (caller == null) {
            Map<String, List<String>> departments = new LinkedHashMap<>();
            try {
                for (Profile p : sources.profiles()) {
                    departments.put(p.source(), p.departments().stream().map(Profile.Department::id).toList());
                }
            } catch (RuntimeException e) {
                // profiles unreadable: the caller keeps its plain roles, no department grants
            }
            caller = Caller.of(request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                    request::isUserInRole, departments);
        }
        return caller;
    }

    public String name() {
        return get().name();
    }

    /** The department a scope of {@code source} belongs to (department and subsystem scopes), or null. */
    public String departmentOf(String source, String scope) {
        return sources.departmentOf(source, scope);
    }

    /** Whether the caller may see (and so be shown) this package: a department admin only its department's. */
    public boolean maySee(org.lifeboat.catalog.BackupPackage p) {
        return Permissions.maySee(get(), p.getSource(), departmentOf(p.getSource(), p.getScope()));
    }
}
