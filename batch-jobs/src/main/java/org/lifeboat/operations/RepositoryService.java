package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.repository.OffsiteCopies;
import org.lifeboat.repository.Repository;
import org.lifeboat.repository.RepositoryConfigException;
import org.lifeboat.repository.RepositoryRegistry;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Permissions;

/** The repositories as a caller may see and act on them: list them, rescan one into the catalog. */
@Stateless
public class RepositoryService {

    @Inject
    RepositoryRegistry registry;

    @Inject
    OffsiteCopies offsite;

    @Inject
    Gate gate;

    /** The configured repositories, {@code local} first. */
    public List<Repository> list(Caller caller) {
        return registry.current().byName().values().stream()
                .sorted(java.util.Comparator.comparing((Repository r) -> r.kind() != Repository.Kind.LOCAL)
                        .thenComparing(Repository::name)).toList();
    }

    /**
     * Catalogs the packages of repository {@code name} that the catalog does not know (a new server after the old
     * one is gone); audited once as RESCAN with what was found.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // lists a bucket: may take long
    public OffsiteCopies.Rescan rescan(Caller caller, String name) {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.RESCAN).target("repository " + name);
        gate.check(Permissions.mayRescan(caller), event);
        Repository r;
        try {
            r = registry.current().named(name).orElseThrow(() -> new UnknownResourceException("no such repository",
                    "repository " + name + " is not configured in repositories.yaml"));
        } catch (RepositoryConfigException e) {
            throw gate.refused(event, new InvalidRequestException("repositories.yaml is invalid", e.getMessage()));
        } catch (UnknownResourceException e) {
            throw gate.refused(event, e);
        }
        if (r.kind() != Repository.Kind.S3) {
            throw gate.refused(event, new InvalidRequestException("not a rescannable repository",
                    "only s3 repositories can be rescanned; local packages are catalogued by upload"));
        }
        OffsiteCopies.Rescan found;
        try {
            found = offsite.rescan(r, caller.name());
        } catch (RuntimeException e) {
            String reason = OffsiteCopies.reason(e, r);
            gate.failed(event, "rescan of " + r.location() + " failed: " + reason);
            throw new RepositoryUnavailableException("the rescan of repository " + name + " (" + r.location()
                    + ") failed: " + reason, e);
        }
        gate.allowed(event, found.added().size() + " package(s) catalogued from " + r.location() + " "
                + found.added() + ", " + found.known() + " already known, " + found.problems().size()
                + " object(s) not readable as packages" + (found.problems().isEmpty() ? ""
                : ": " + String.join("; ", found.problems())));
        return found;
    }
}
