package org.lifeboat.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;
import org.lifeboat.security.Caller;

/** Who is signed in to the console, with the roles the security realm gave them. */
@Named
@SessionScoped
public class ConsoleUser implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Set<String> ROLES = Set.of("backup-admin", "backup-operator", "auditor", "department-admin");

    private String name;
    /** The plain roles of {@link #ROLES} and the {@code dept:<source>:<department>} roles. */
    private Set<String> roles = Set.of();
    void signIn(String name, Set<String> roles) {
        this.name = name;
        this.roles = Set.copyOf(roles);
    }

    void signOut() {
        name = null;
        roles = Set.of();
    }

    public boolean isSignedIn() {
        return name != null;
    }

    public String getName() {
        return name;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has("backup-admin");
    }

    public boolean isOperator() {
        return isAdmin() || has("backup-operator");
    }

    /**
     * The signed-in user as {@link org.lifeboat.security.Permissions} sees it: its roles and the departments its
     * {@code dept:<source>:<department>} roles grant.
     */
    public Caller caller() {
        return Caller.fromRoleNames(name, roles);
    }

    public String getRoleList() {
        return String.join(", ", roles.stream().filter(ROLES::contains).sorted().toList());
    }

    /** Answers 403 (and stops the action) when the user lacks the role: the server checks, not only the page. */
    boolean require(boolean allowed, String what) {
        if (allowed) {
            return true;
        }
        try {
            ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
            ec.responseSendError(403, "Your role does not allow " + what + ".");
            FacesContext.getCurrentInstance().responseComplete();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return false;
    }
}
