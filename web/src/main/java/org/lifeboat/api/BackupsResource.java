package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.batch.BackupLauncher;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.UnknownSourceException;

/** Backups: start one (a batch job), list the stored packages, download one. */
@Path("/backups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.DEPARTMENT_ADMIN})
public class BackupsResource {

    /**
     * The body of {@code POST /backups}. Besides source and scope, optional tuning: {@code threads} (parallel
     * partitions), {@code chunkRows} (rows per checkpoint), {@code splitThresholdRows} (tables larger than this
     * are split into key ranges).
     */
    public record BackupRequest(String source, String scope, Integer threads, Integer chunkRows,
                                Long splitThresholdRows) {}

    /**
     * A stored package as {@code GET /backups} lists it; {@code origin} is BACKUP, SIGNED_UPLOAD (carries this
     * server's signature) or UPLOAD (untrusted: its schema SQL runs only when a backup-admin allows it).
     */
    public record PackageView(long id, String source, String scope, String createdAt, String completedAt,
                              long durationMillis, long sizeBytes, String file, String sha256, long totalRows,
                              Map<String, Long> counts, Long jobExecutionId, String createdBy, String origin) {}

    @Inject
    SourceRegistry sources;

    @Inject
    BackupLauncher launcher;

    @Inject
    PackageCatalog catalog;

    @Inject
    AuditLog audit;

    @Inject
    PackageIntake intake;

    @Inject
    LifeboatSettings settings;

    @Context
    SecurityContext security;

    @Inject
    org.lifeboat.security.CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.DEPARTMENT_ADMIN})
    public Response start(BackupRequest request) {
        if (request == null || request.source() == null || request.source().isBlank()) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "source missing",
                    "send {\"source\": \"<name>\", \"scope\": \"database\"}; GET /lifeboat/api/sources lists the names");
        }
        Profile profile;
        try {
            profile = sources.profile(request.source());
        } catch (UnknownSourceException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "unknown source", e.getMessage());
        }
        BackupScope scope = BackupScope.parse(request.scope());
        try {
            authorize(profile, scope);
        } catch (org.lifeboat.security.ForbiddenException refused) {
            audit.record(user(), "BACKUP", scope.toString(), profile.source(), AuditLog.REFUSED, null, null,
                    refused.getMessage());
            throw ApiError.of(Response.Status.FORBIDDEN, "forbidden", refused.getMessage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        option(options, "threads", request.threads(), 1, 64);
        option(options, "chunkRows", request.chunkRows(), 10, 1_000_000);
        option(options, "splitThresholdRows", request.splitThresholdRows(), 1_000, Long.MAX_VALUE);
        long executionId = launcher.start(profile.source(), scope.toString(), user(), options);
        return JobsResource.accepted(executionId);
    }

    /** The packages the caller may act on (a department admin: its own department's). */
    @GET
    public List<PackageView> list(@QueryParam("source") String source) {
        return catalog.list(source).stream().filter(this::visible).map(BackupsResource::view).toList();
    }

    @GET
    @Path("/{id}")
    public PackageView get(@PathParam("id") long id) {
        return view(find(id));
    }

    private boolean visible(BackupPackage p) {
        return caller.maySee(p);
    }

    @GET
    @Path("/{id}/download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response download(@PathParam("id") long id) {
        BackupPackage p = find(id);
        java.nio.file.Path file = java.nio.file.Path.of(p.getFile());
        if (!Files.isRegularFile(file)) {
            throw ApiError.of(Response.Status.GONE, "package file missing",
                    "package " + id + " is catalogued but " + file + " no longer exists");
        }
        audit.record(user(), "DOWNLOAD", p.getScope(), p.getSource(), AuditLog.ALLOWED, file.toString(),
                p.getJobExecutionId(), "package " + id);
        StreamingOutput body = out -> Files.copy(file, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                .header("Content-Length", p.getSizeBytes())
                .build();
    }

    /**
     * Takes in a package from elsewhere (multipart field {@code file}): size-capped (413), inspected as untrusted
     * input (422 with the reason), then catalogued (201 {id}). A refused upload leaves nothing behind.
     */
    @POST
    @Path("/upload")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Response upload(@Context jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        StreamedUpload.Part file;
        try {
            file = StreamedUpload.open(request);
        } catch (WebApplicationException e) {
            audit.record(user(), "UPLOAD", null, null, AuditLog.REFUSED, null, null, e.getMessage());
            throw e;
        }
        String name = file.fileName() == null || file.fileName().isBlank() ? "package.tar" : file.fileName();
        try (java.io.InputStream in = file.content()) {
            BackupPackage p = intake.accept(in, name, settings.uploadMaxBytes(), user());
            audit.record(user(), "UPLOAD", p.getScope(), p.getSource(), AuditLog.ALLOWED, p.getFile(), null,
                    "package " + p.getId() + " accepted from " + name + (p.trusted() ? " (signed by this server)"
                            : " (untrusted: not signed by this server)"));
            return Response.status(Response.Status.CREATED).entity(Map.of("id", p.getId())).build();
        } catch (java.io.IOException | RuntimeException e) {
            audit.record(user(), "UPLOAD", null, null, AuditLog.REFUSED, name, null, e.getMessage());
            throw e;
        }
    }

    /** Re-reads the package and checks every checksum and count against its manifest. */
    @POST
    @Path("/{id}/verify")
    public PackageVerifier.Result verify(@PathParam("id") long id) {
        BackupPackage p = find(id);
        org.lifeboat.security.Decision allowed = org.lifeboat.security.Permissions.mayVerify(caller.get(),
                p.getSource(), caller.departmentOf(p.getSource(), p.getScope()));
        if (!allowed.allowed()) {
            audit.record(user(), "VERIFY", p.getScope(), p.getSource(), AuditLog.REFUSED, p.getFile(), null,
                    allowed.reason());
            throw ApiError.of(Response.Status.FORBIDDEN, "forbidden", allowed.reason());
        }
        PackageVerifier.Result result = PackageVerifier.verify(java.nio.file.Path.of(p.getFile()));
        audit.record(user(), "VERIFY", p.getScope(), p.getSource(), result.ok() ? AuditLog.ALLOWED : AuditLog.FAILED,
                p.getFile(), p.getJobExecutionId(), result.ok() ? "package " + id + " is intact"
                        : "package " + id + ": " + String.join("; ", result.problems()));
        return result;
    }

    /** Deletes a package: its catalog entry, then its file. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") long id) {
        BackupPackage p = find(id);
        String file = catalog.remove(id).orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND, "no such backup",
                "package " + id + " was deleted meanwhile"));
        try {
            Files.deleteIfExists(java.nio.file.Path.of(file));
        } catch (java.io.IOException e) {
            audit.record(user(), "DELETE", p.getScope(), p.getSource(), AuditLog.FAILED, file, p.getJobExecutionId(),
                    "catalog entry removed but the file could not be deleted: " + e.getMessage());
            throw ApiError.of(Response.Status.INTERNAL_SERVER_ERROR, "file not deleted",
                    "package " + id + " left the catalog but " + file + " could not be deleted: " + e.getMessage());
        }
        audit.record(user(), "DELETE", p.getScope(), p.getSource(), AuditLog.ALLOWED, file, p.getJobExecutionId(),
                "package " + id + " deleted");
        return Response.noContent().build();
    }

    private static void option(Map<String, String> parameters, String name, Number value, long min, long max) {
        if (value == null) {
            return;
        }
        if (value.longValue() < min || value.longValue() > max) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "bad " + name,
                    name + " must be between " + min + " and " + max + " (got " + value + ")");
        }
        parameters.put(name, value.toString());
    }

    private String user() {
        return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }

    /** A package the caller may see; one it may not is answered like one that does not exist. */
    private BackupPackage find(long id) {
        return catalog.find(id).filter(this::visible).orElseThrow(() -> ApiError.of(Response.Status.NOT_FOUND,
                "no such backup", "no package with id " + id + "; GET /lifeboat/api/backups lists them"));
    }

    /** Department admins may back up their own department and its subsystems only. */
    private void authorize(Profile profile, BackupScope scope) {
        org.lifeboat.security.Permissions.mayBackup(caller.get(), profile.source(),
                caller.departmentOf(profile.source(), scope.toString())).orThrow();
    }

    static PackageView view(BackupPackage p) {
        return new PackageView(p.getId(), p.getSource(), p.getScope(), p.getCreatedAt().toString(),
                p.getCompletedAt() == null ? null : p.getCompletedAt().toString(), p.getDurationMillis(),
                p.getSizeBytes(), p.getFile(), p.getSha256(), p.getTotalRows(), p.counts(), p.getJobExecutionId(),
                p.getCreatedBy(), p.getOrigin().toString());
    }
}
