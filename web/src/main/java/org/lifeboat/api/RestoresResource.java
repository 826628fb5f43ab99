package org.lifeboat.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.batch.RestoreLauncher;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.PackageSchema;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreReport;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Decision;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.CatalogReader;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceUnavailableException;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.UnknownSourceException;

/**
 * {@code POST /restores}: a dry run (200 with the report, nothing changed) or a restore job (202). Operators may
 * merge; replace and clean are for backup admins, and clean also needs the typed confirmation "RESTORE CLEAN".
 * An unsigned upload's schema SQL runs into an empty database only with {@code "allowUploadedSchema": true} from
 * a backup-admin, and then filtered. Every refusal is audited and touches nothing.
 */
@Path("/restores")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class RestoresResource {

    public static final String CONFIRMATION = RestoreLauncher.CONFIRMATION;

    /** The body of {@code POST /restores}. */
    public record RestoreRequest(Long backupId, String source, String mode, String confirm, Boolean dryRun,
                                 Boolean restoreStorage, Boolean restoreConfiguration, Boolean allowUploadedSchema,
                                 Boolean allowOtherSource) {}

    @Inject
    PackageCatalog catalog;

    @Inject
    SourceRegistry sources;

    @Inject
    RestoreLauncher launcher;

    @Inject
    DryRun dryRun;

    @Inject
    AuditLog audit;

    @Context
    SecurityContext security;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response restore(RestoreRequest request) throws Exception {
        if (request == null || request.backupId() == null) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "backupId missing", "send {\"backupId\": <id from GET "
                    + "/lifeboat/api/backups>, \"source\": \"<name>\", \"mode\": \"merge|replace|clean\"}");
        }
        BackupPackage p = catalog.find(request.backupId()).orElseThrow(() -> ApiError.of(Response.Status.BAD_REQUEST,
                "no such backup", "no package with id " + request.backupId() + "; GET /lifeboat/api/backups lists them"));
        String sourceName = request.source() == null || request.source().isBlank() ? p.getSource() : request.source();
        Profile profile;
        try {
            profile = sources.profile(sourceName);
        } catch (UnknownSourceException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "unknown source", e.getMessage());
        }
        RestoreMode mode;
        try {
            mode = RestoreMode.parse(request.mode());
        } catch (RuntimeException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "unknown mode", e.getMessage());
        }
        boolean rehearsal = Boolean.TRUE.equals(request.dryRun());
        authorize(mode, request, profile, p, rehearsal);
        boolean otherSource = !p.getSource().equals(profile.source());
        if (otherSource && !Boolean.TRUE.equals(request.allowOtherSource())) {
            refuse(Response.Status.BAD_REQUEST, "wrong source", "package " + p.getId() + " was made from source '"
                    + p.getSource() + "' and is not restored into '" + profile.source() + "' unless a backup-admin "
                    + "asks for it with \"allowOtherSource\": true (the dry run compares the schemas)", mode, profile, p);
        }
        if (otherSource) {
            Decision other = Permissions.mayRestoreIntoOtherSource(caller.get());
            if (!other.allowed()) {
                refuse(Response.Status.FORBIDDEN, "forbidden", other.reason(), mode, profile, p);
            }
        }
        boolean allowSchema = Boolean.TRUE.equals(request.allowUploadedSchema());
        if (!Boolean.FALSE.equals(request.restoreStorage())) {
            // a storage root the profile lacks fails the dry run and the restore alike, before any database work
            try (org.lifeboat.archive.PackageReader pkg = new org.lifeboat.archive.PackageReader(
                    java.nio.file.Path.of(p.getFile()))) {
                org.lifeboat.restore.FileRehydrator.checkStorageRoots(pkg.manifest(), profile);
            } catch (org.lifeboat.restore.RestoreException e) {
                audit.record(user(), "RESTORE", mode.toString(), profile.source(), AuditLog.REFUSED, p.getFile(), null,
                        e.getMessage());
                throw new jakarta.ws.rs.WebApplicationException(e.getMessage(),
                        ApiError.response(422, "restore refused", e.getMessage()));
            }
        }
        if (!rehearsal) {
            checkSchema(p, profile, mode, allowSchema);
        }
        if (rehearsal) {
            RestoreReport report = dryRun.run(java.nio.file.Path.of(p.getFile()), profile, mode, p.trusted(),
                    allowSchema, otherSource);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dryRun", true);
            body.put("backupId", p.getId());
            body.put("source", profile.source());
            body.put("mode", mode.toString());
            body.putAll(RestoreReportJson.toMap(report));
            audit.record(user(), "RESTORE_DRY_RUN", mode.toString(), profile.source(),
                    report.ok() ? AuditLog.ALLOWED : AuditLog.FAILED, p.getFile(), null,
                    report.ok() ? "dry run: no problem" : String.join("; ", report.problems()));
            return Response.ok(body).build();
        }
        long executionId = launcher.start(p, profile.source(), mode, !Boolean.FALSE.equals(request.restoreStorage()),
                Boolean.TRUE.equals(request.restoreConfiguration()), allowSchema, otherSource, user());
        return JobsResource.accepted(executionId);
    }

    /**
     * An unsigned upload restored into an empty database would run its schema SQL: refused unless allowed, and
     * when allowed, refused if the filter refuses a statement. The restore job checks the same again.
     */
    private void checkSchema(BackupPackage p, Profile profile, RestoreMode mode, boolean allowSchema)
            throws java.io.IOException {
        if (p.trusted() || !emptyDatabase(profile)) {
            return;
        }
        try (PackageReader pkg = new PackageReader(java.nio.file.Path.of(p.getFile()))) {
            Manifest manifest = pkg.manifest();
            PackageSchema schema = PackageSchema.of(DryRun.schemaSql(pkg, manifest), false, allowSchema);
            if (schema.present() && !manifest.tables().isEmpty()) {
                schema.statements(profile.source(), profile.schemas());
                String unusable = schema.confined() ? confinedRoleProblem(profile) : null;
                if (unusable != null) {
                    throw new RestoreException(unusable);
                }
            }
        } catch (RestoreException e) { // 422 "restore refused", as the ErrorMapper maps it
            audit.record(user(), "RESTORE", mode.toString(), profile.source(), AuditLog.REFUSED, p.getFile(), null,
                    e.getMessage());
            throw e;
        }
    }

    /** Why the allowed upload's schema could not run as the confined role on this source, or null. */
    private String confinedRoleProblem(Profile profile) {
        try (java.sql.Connection c = sources.dataSource(profile).getConnection()) {
            return org.lifeboat.restore.ConfinedSchemaRole.unusable(c);
        } catch (java.sql.SQLException e) {
            throw new SourceUnavailableException("cannot read the roles of source '" + profile.source() + "': "
                    + e.getMessage(), e);
        }
    }

    /** No table in the profile's schemas (read raw: the profile's named tables cannot be checked against nothing). */
    private boolean emptyDatabase(Profile profile) {
        try (java.sql.Connection c = sources.dataSource(profile).getConnection()) {
            return new CatalogReader().read(c, profile.schemas()).tables().isEmpty();
        } catch (java.sql.SQLException e) {
            throw new SourceUnavailableException("cannot read the catalog of source '" + profile.source() + "': "
                    + e.getMessage(), e);
        }
    }

    private void authorize(RestoreMode mode, RestoreRequest request, Profile profile, BackupPackage p, boolean rehearsal) {
        Decision restore = Permissions.mayRestore(caller.get(), mode);
        if (!restore.allowed()) {
            refuse(Response.Status.FORBIDDEN, "forbidden", restore.reason() + (rehearsal ? " (so does its dry run)" : ""),
                    mode, profile, p);
        }
        if (Boolean.TRUE.equals(request.allowUploadedSchema())) {
            Decision schema = Permissions.mayRunUploadedSchema(caller.get());
            if (!schema.allowed()) {
                refuse(Response.Status.FORBIDDEN, "forbidden", schema.reason(), mode, profile, p);
            }
        }
        if (mode == RestoreMode.CLEAN && !rehearsal && !CONFIRMATION.equals(request.confirm())) {
            refuse(Response.Status.BAD_REQUEST, "confirmation missing", "a clean restore empties '" + profile.source()
                    + "' and rebuilds it from the package: send \"confirm\": \"" + CONFIRMATION + "\"", mode, profile, p);
        }
    }

    private void refuse(Response.Status status, String error, String detail, RestoreMode mode, Profile profile,
                        BackupPackage p) {
        audit.record(user(), "RESTORE", mode.toString(), profile.source(), AuditLog.REFUSED, p.getFile(), null, detail);
        throw ApiError.of(status, error, detail);
    }

    private String user() {
        return security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
    }
}
