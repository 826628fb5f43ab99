package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.lifeboat.operations.RepositoryService;
import org.lifeboat.repository.OffsiteCopies;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Role;

/** Repositories ({@code repositories.yaml}): list them, rescan one into the catalog. */
@Path("/repositories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class RepositoriesResource {

    /**
     * A repository as listed: never its credentials, only where they are kept ({@code credentials}: credential
     * store alias or environment variable); {@code encryption}: whom packages copied there are encrypted for
     * (public key files, passphrase), null when they are copied unencrypted.
     */
    public record RepositoryView(String name, String kind, String location, String endpoint, String region,
                                 boolean pathStyle, String credentials, Encryption encryption, String retention,
                                 String objectLock) {}

    /** Encryption of a repository: the public key files and whether a passphrase is used; never a secret. */
    public record Encryption(List<String> recipients, boolean passphrase, boolean serverCanDecrypt) {}

    @Inject
    RepositoryService repositories;

    @Inject
    CurrentCaller caller;

    @GET
    public List<RepositoryView> list() {
        return repositories.list(caller.get()).stream().map(r -> new RepositoryView(r.name(),
                r.kind().toString().toLowerCase(), r.location(), r.endpoint() == null ? null : r.endpoint().toString(),
                r.region(), r.pathStyle(),
                r.accessKey() == null ? null : r.accessKey().where() + "; " + r.secretKey().where(),
                r.encryption() == null ? null : new Encryption(r.encryption().recipients().stream()
                        .map(f -> f.getFileName().toString()).toList(), r.encryption().passphrase() != null,
                        r.encryption().passphrase() != null || r.encryption().privateKeyFile() != null),
                r.retention() == null ? null : r.retention().toString(),
                r.objectLock() == null ? null : r.objectLock().mode() + " " + r.objectLock().days() + " days")).toList();
    }

    /** Catalogs the packages of the repository the catalog does not know (backup-admin). */
    @POST
    @Path("/{name}/rescan")
    public OffsiteCopies.Rescan rescan(@PathParam("name") String name) {
        return repositories.rescan(caller.get(), name);
    }
}
