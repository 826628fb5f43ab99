package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.archive.Manifest;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.batch.JobView;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.restore.SchemaCheck;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.UnknownSourceException;
import org.lifeboat.transfer.ImportTables;
import org.lifeboat.transfer.TableOutsideScopeException;

/**
 * Department and subsystem export and import (the HMS plan). An export runs as a backup job of that scope,
 * is catalogued, and is streamed as a download; an import is size-capped, inspected, checked against its target
 * (same source, same department or subsystem, tables that fit the live schema), then merged in one transaction
 * by a restore job that never writes the shared tables.
 */
@Path("/")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR, Roles.DEPARTMENT_ADMIN})
public class TransfersResource {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final long EXPORT_TIMEOUT_MILLIS = 30 * 60 * 1000L;

    @Inject
    SourceRegistry sources;

    @Inject
    BatchJobs jobs;

    @Inject
    org.lifeboat.batch.SourceLease lease;

    @Inject
    PackageCatalog catalog;

    @Inject
    PackageIntake intake;

    @Inject
    LifeboatSettings settings;

    @Inject
    AuditLog audit;

    @Context
    SecurityContext security;

    @Inject
    org.lifeboat.security.CurrentCaller caller;

    @GET
    @Path("exports/{source}/{kind}/{id}")
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response export(@PathParam("source") String source, @PathParam("kind") String kind,
                           @PathParam("id") String id) throws InterruptedException {
        TransferScope scope = TransferScope.resolve(profile(source), kind, id);
        authorize(scope, "EXPORT", null);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("source", scope.profile().source());
        parameters.put("scope", scope.backupScope().toString());
        parameters.put("requestedBy", user());
        long executionId = lease.startExclusive(scope.profile().source(), () -> jobs.start("backup", parameters));
        JobView job = awaitEnd(executionId);
        if (!"COMPLETED".equals(job.status())) {
            audit.record(user(), "EXPORT", scope.toString(), source, AuditLog.FAILED, null, executionId, job.error());
            throw ApiError.of(Response.Status.INTERNAL_SERVER_ERROR, "export failed", "job " + executionId + " ended "
                    + job.status() + (job.error() == null ? "" : ": " + job.error()));
        }
        java.nio.file.Path file = java.nio.file.Path.of((String) job.result().get("file"));
        String name = scope.profile().source() + "-" + id + "-" + STAMP.format(Instant.now()) + ".lifeboat.tar";
        audit.record(user(), "EXPORT", scope.toString(), source, AuditLog.ALLOWED, name, executionId,
                "package " + job.result().get("backupId") + " streamed");
        StreamingOutput body = out -> Files.copy(file, out);
        return Response.ok(body, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Length", Files.exists(file) ? file.toFile().length() : null)
                .build();
    }

    @POST
    @Path("imports/{source}/{kind}/{id}")
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importFile(@PathParam("source") String source, @PathParam("kind") String kind,
                               @PathParam("id") String id, @Context jakarta.servlet.http.HttpServletRequest request)
            throws IOException {
        TransferScope scope = TransferScope.resolve(profile(source), kind, id);
        authorize(scope, "IMPORT", null);
        StreamedUpload.Part file = StreamedUpload.open(request); // streamed, never spooled: capped below (413)
        String name = file.fileName() == null || file.fileName().isBlank() ? "import.lifeboat.tar" : file.fileName();
        BackupPackage p;
        try (InputStream in = file.content()) {
            p = intake.accept(in, name, settings.importMaxBytes(), user(), manifest -> check(scope, manifest));
        } catch (PackageIntake.RefusedException e) {
            audit.record(user(), "IMPORT", scope.toString(), source, AuditLog.REFUSED, name, null,
                    detail(e.refusal()));
            throw e.refusal();
        } catch (IOException | RuntimeException e) {
            audit.record(user(), "IMPORT", scope.toString(), source, AuditLog.REFUSED, name, null, e.getMessage());
            throw e;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("backupId", p.getId().toString());
        parameters.put("source", scope.profile().source());
        parameters.put("mode", "merge");
        parameters.put("skipShared", "true");
        parameters.put("importScope", scope.toString()); // the restore job refuses any other table; JobControl finds its department
        parameters.put("restoreStorage", "false");
        parameters.put("datasource", scope.profile().datasource()); // an abandon finds its staging schema there
        parameters.put("requestedBy", user());
        long executionId = lease.startExclusive(scope.profile().source(), () -> jobs.start("restore", parameters));
        audit.record(user(), "IMPORT", scope.toString(), source, AuditLog.ALLOWED, name, executionId,
                "import job started for package " + p.getId());
        return JobsResource.accepted(executionId);
    }

    /**
     * Same source, same department or subsystem, only tables of that scope (never another subsystem's or a shared
     * one), and tables that fit the live schema.
     */
    private void check(TransferScope scope, Manifest manifest) {
        if (!manifest.source().equals(scope.profile().source())) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "wrong source", "the file was exported from source '"
                    + manifest.source() + "', not '" + scope.profile().source() + "'");
        }
        if (!manifest.scope().equals(scope.toString())) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "wrong scope", "the file was exported from "
                    + manifest.scope() + " and cannot be imported into " + scope
                    + "; import it into its own department or subsystem");
        }
        org.lifeboat.source.SchemaCatalog live = sources.catalog(scope.profile());
        try {
            ImportTables.check(scope.profile(), live, scope.backupScope(), manifest);
        } catch (TableOutsideScopeException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "table outside scope", e.getMessage());
        }
        List<String> differences = SchemaCheck.differences(manifest, live);
        if (!differences.isEmpty()) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "schema differs",
                    "the file does not fit the live tables: " + String.join("; ", differences));
        }
    }

    /** The sentence a refusal carries (an ApiError's detail, not just its short error). */
    private static String detail(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getEntity() instanceof ApiError a) {
            return a.error() + ": " + a.detail();
        }
        return e.getMessage();
    }

    private void authorize(TransferScope scope, String action, String fileName) {
        org.lifeboat.security.Decision decision = scope.permission(caller.get());
        if (!decision.allowed()) {
            audit.record(user(), action, scope.toString(), scope.profile().source(), AuditLog.REFUSED, fileName, null,
                    decision.reason());
            throw ApiError.of(Response.Status.FORBIDDEN, "forbidden", decision.reason() + " (" + action.toLowerCase()
                    + " " + scope + ")");
        }
    }

    private JobView awaitEnd(long executionId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + EXPORT_TIMEOUT_MILLIS;
        JobView job = jobs.view(executionId);
        while (!List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(job.status())) {
            if (System.currentTimeMillis() > deadline) {
                throw ApiError.of(Response.Status.GATEWAY_TIMEOUT, "export still running", "job " + executionId
                        + " is still running; GET /lifeboat/api/jobs/" + executionId + " and download the package "
                        + "from /lifeboat/api/backups when it is done");
            }
            Thread.sleep(200);
            job = jobs.view(executionId);
        }
        return job;
    }

    private Profile profile(String source) {
        try {
            return sources.profile(source);
        } catch (UnknownSourceException e) {
            throw ApiError.of(Response.Status.NOT_FOUND, "unknown source", e.getMessage());
        }
    }

    private String user() {
        return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
