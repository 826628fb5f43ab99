package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.operations.BackupRequest;
import org.lifeboat.operations.BackupService;
import org.lifeboat.operations.PackageService;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Role;

/** Backups: start one (a batch job), list the stored packages, download, upload, verify, delete one. */
@Path("/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.ADMIN, Role.Names.OPERATOR, Role.Names.AUDITOR, Role.Names.DEPARTMENT_ADMIN})
public class BackupsResource {

    /**
     * A stored package as {@code GET /backups} lists it; {@code origin} is BACKUP, SIGNED_UPLOAD (carries this
     * server's signature) or UPLOAD (untrusted: its schema SQL runs only when a backup-admin allows it).
     */
    public record PackageView(long id, String source, String scope, String createdAt, String completedAt,
                              long durationMillis, long sizeBytes, String file, String sha256, long totalRows,
                              Map<String, Long> counts, Long jobExecutionId, String createdBy, String origin,
                              List<CopyView> copies) {}

    /**
     * Where a copy of the package in a repository stands: {@code state} PENDING, COPIED, VERIFIED or FAILED (with
     * {@code reason}); {@code bytes} and {@code millis} of the upload once copied.
     */
    public record CopyView(String repository, String key, String state, String reason, String updatedAt,
                           long bytes, long millis, String encryption, String objectSha256) {}

    @Inject
    BackupService backups;

    @Inject
    PackageService packages;

    @Inject
    CurrentCaller caller;

    /** The body is a {@link BackupRequest}: source, scope, and optional threads, chunkRows, splitThresholdRows. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(BackupRequest request) {
        return JobsResource.accepted(backups.start(caller.get(), request));
    }

    /** The packages the caller may see (a department admin: its own department's). */
    @GET
    public List<PackageView> list(@QueryParam("source") String source) {
        List<BackupPackage> visible = packages.list(caller.get(), source);
        Map<Long, List<org.lifeboat.catalog.PackageCopy>> copies = packages.copiesOf(visible);
        return visible.stream().map(p -> view(p, copies.getOrDefault(p.getId(), List.of()))).toList();
    }

    @GET
    @Path("/{id}")
    public PackageView get(@PathParam("id") long id) {
        BackupPackage p = packages.find(caller.get(), id);
        return view(p, packages.copiesOf(List.of(p)).getOrDefault(id, List.of()));
    }

    @GET
    @Path("/{id}/download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("id") long id) throws java.io.IOException {
        java.nio.file.Path file = packages.download(caller.get(), id);
        StreamingOutput body = out -> Files.copy(file, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .header("Content-Length", Files.size(file))
                .build();
    }

    /**
     * Takes in a package from elsewhere (multipart field {@code file}, or the raw body): size-capped (413),
     * inspected as untrusted input (422 with the reason), then catalogued (201 {id}). A refused upload leaves
     * nothing behind.
     */
    @POST
    @Path("/upload")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM})
    public Response upload(@Context jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        BackupPackage p = packages.upload(caller.get(), () -> StreamedUpload.open(request));
        return Response.status(Response.Status.CREATED).entity(Map.of("id", p.getId())).build();
    }

    /**
     * Re-reads the package and checks every checksum and count against its manifest; with {@code ?repository=},
     * its copy in that repository (read back from the store).
     */
    @POST
    @Path("/{id}/verify")
    public PackageVerifier.Result verify(@PathParam("id") long id, @QueryParam("repository") String repository) {
        return packages.verify(caller.get(), id, repository);
    }

    /** Copies the package to an s3 repository now (again, after a failed copy); answers the copy's state. */
    @POST
    @Path("/{id}/copy")
    public CopyView copy(@PathParam("id") long id, @QueryParam("repository") String repository) {
        return copyView(packages.copy(caller.get(), id, repository));
    }

    /**
     * Brings the package back from a repository to this server (a rescanned package, or one whose local file is
     * gone): the body is a {@link org.lifeboat.operations.FetchRequest} (repository; for an encrypted copy whose
     * key the server lacks, passphrase or privateKey + privateKeyPassphrase). Answers the package, now with its
     * local file; 422 for a wrong or missing key or an object that is not the catalogued package.
     */
    @POST
    @Path("/{id}/fetch")
    @Consumes(MediaType.APPLICATION_JSON)
    public PackageView fetch(@PathParam("id") long id, org.lifeboat.operations.FetchRequest request)
            throws java.io.IOException {
        BackupPackage p = packages.fetch(caller.get(), id, request);
        return view(p, packages.copiesOf(List.of(p)).getOrDefault(id, List.of()));
    }

    /** What a re-wrap answers: the copy as it is now, the key of the object it replaced and what became of it. */
    public record RewrapView(CopyView copy, String oldKey, String oldObject) {}

    /**
     * Key rotation: re-wraps the session key of the package's encrypted copy for the repository's current recipients
     * (no re-encryption of the data); body as for fetch (repository, and the key the copy was made for when the
     * server does not hold it). Backup-admin.
     */
    @POST
    @Path("/{id}/rewrap")
    @Consumes(MediaType.APPLICATION_JSON)
    public RewrapView rewrap(@PathParam("id") long id, org.lifeboat.operations.FetchRequest request)
            throws java.io.IOException {
        var done = packages.rewrap(caller.get(), id, request);
        return new RewrapView(copyView(done.copy()), done.oldKey(), done.oldObject());
    }

    /** Deletes a package: its catalog entry, then its file. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        packages.delete(caller.get(), id);
        return Response.noContent().build();
    }

    static PackageView view(BackupPackage p, List<org.lifeboat.catalog.PackageCopy> copies) {
        return new PackageView(p.getId(), p.getSource(), p.getScope(), p.getCreatedAt().toString(),
                p.getCompletedAt() == null ? null : p.getCompletedAt().toString(), p.getDurationMillis(),
                p.getSizeBytes(), p.getFile(), p.getSha256(), p.getTotalRows(), p.counts(), p.getJobExecutionId(),
                p.getCreatedBy(), p.getOrigin().toString(), copies.stream().map(BackupsResource::copyView).toList());
    }

    static CopyView copyView(org.lifeboat.catalog.PackageCopy c) {
        return new CopyView(c.getRepository(), c.getObjectKey(), c.getState().toString(), c.getReason(),
                c.getUpdatedAt().toString(), c.getBytes(), c.getMillis(), c.getEncryption(), c.getObjectSha256());
    }
}
