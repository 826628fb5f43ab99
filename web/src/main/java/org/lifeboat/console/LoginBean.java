package org.lifeboat.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.security.Role;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * The console's sign-in form. Credentials are checked by the server's security domain (the same users, bcrypt
 * hashes and roles as the REST API); the console then keeps the user and roles in its session.
 */
@Named
@RequestScoped
public class LoginBean {

    private String username;
    private String password;

    @Inject
    ConsoleUser user;

    @Inject
    AuditLog audit;

    @Inject
    org.lifeboat.security.SignInThrottle throttle;

    @Inject
    SourceRegistry sources;

    public String login() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request = (HttpServletRequest) faces.getExternalContext().getRequest();
        java.time.Duration locked = throttle.lockedFor(String.valueOf(username), request.getRemoteAddr());
        if (locked != null) {
            audit.record(AuditEvent.of(username, AuditAction.LOGIN).target("console"), Outcome.REFUSED, "refused from "
                    + request.getRemoteAddr() + " for " + locked.toSeconds() + " s after repeated wrong passwords");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Too many wrong passwords from here: "
                    + "try again in " + Math.max(1, locked.toSeconds()) + " seconds.", null));
            return null;
        }
        try {
            request.login(username, password);
            Set<String> roles = new HashSet<>();
            for (String role : ConsoleUser.ROLES) {
                if (request.isUserInRole(role)) {
                    roles.add(role);
                }
            }
            roles.addAll(departmentRoles(request));
            String name = request.getUserPrincipal().getName();
            request.logout();
            request.changeSessionId(); // no session fixation
            throttle.succeeded(name, request.getRemoteAddr());
            user.signIn(name, roles);
            audit.record(AuditEvent.of(name, AuditAction.LOGIN).target("console"), Outcome.SUCCESS, "signed in to the console");
            return "/index.xhtml?faces-redirect=true";
        } catch (ServletException e) {
            throttle.failed(String.valueOf(username), request.getRemoteAddr());
            audit.record(AuditEvent.of(username, AuditAction.LOGIN).target("console"), Outcome.REFUSED,
                    "wrong user name or password");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Wrong user name or password.", null));
            return null;
        }
    }

    /** The {@code dept:<source>:<department>} roles the user holds, asked for each department of each source. */
    private Set<String> departmentRoles(HttpServletRequest request) {
        Set<String> held = new HashSet<>();
        try {
            for (Profile p : sources.profiles()) {
                for (Profile.Department d : p.departments()) {
                    String role = Role.departmentRole(p.source(), d.id());
                    if (request.isUserInRole(role)) {
                        held.add(role);
                    }
                }
            }
        } catch (RuntimeException e) {
            // profiles unreadable: the user keeps its plain roles, no department grants
        }
        return held;
    }

    public String logout() {
        user.signOut();
        FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
        return "/login.xhtml?faces-redirect=true";
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
