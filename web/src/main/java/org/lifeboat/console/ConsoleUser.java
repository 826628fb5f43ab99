package org.lifeboat.console;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Decision;
import org.lifeboat.security.RefusalAudit;
import org.lifeboat.security.Permissions;
import org.lifeboat.security.Role;

/** Who is signed in to the console, with the roles the security realm gave them. */
@Named
@SessionScoped
public class ConsoleUser implements Serializable {

    private static final long serialVersionUID = 1L;
    static final Set<String> ROLES = java.util.Arrays.stream(Role.values()).map(Role::roleName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Inject
    RefusalAudit refusals;

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

    /** For the pages' {@code rendered} conditions: whether to offer what only a backup-admin may do. */
    public boolean isAdmin() {
        return Permissions.mayAdminister(caller()).allowed();
    }

    /** For the pages: whether to offer backups, uploads, downloads and merge restores. */
    public boolean isOperator() {
        return Permissions.mayUpload(caller()).allowed();
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

    /**
     * Goes on when the decision allows it; otherwise audits the refusal as {@code action} on {@code target} and
     * answers 403 (stopping the action): the server checks, not only the page.
     */
    boolean require(Decision decision, org.lifeboat.audit.AuditAction action, String target) {
        if (decision.allowed()) {
            return true;
        }
        refusals.refused(name, action, target, "console: " + decision.reason());
        refuse(decision.reason());
        return false;
    }

    /** Answers 403 for a refusal that the service deciding it has audited already. */
    void refuse(String why) {
        try {
            ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
            ec.responseSendError(403, "Refused: " + why + ".");
            FacesContext.getCurrentInstance().responseComplete();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
