package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.restore.ConfinedSchemaRole;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.FileRehydrator;
import org.lifeboat.restore.PackageSchema;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreReport;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.CatalogReader;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.SourceUnavailableException;

/**
 * Dry runs and restores for REST and the console alike. Operators may merge; replace and clean are for backup
 * admins, and clean also needs the typed confirmation. Restoring into another source than the package's, and
 * running an unsigned upload's schema SQL, need a backup-admin who asks for it. Every refusal is audited once and
 * touches nothing; the restore job checks the package, the schema and the rows again.
 */
@Stateless
public class RestoreService {

    public static final String CONFIRMATION = RestoreJobParameters.CONFIRMATION;

    /**
     * What a dry run found, for the package and mode asked: its report, or, for a package too large to rehearse
     * within a request, the execution of the {@code dry-run} job that will (its report is that job's result).
     */
    public record DryRunResult(BackupPackage backup, String source, RestoreMode mode, RestoreReport report,
                               Long executionId) {}

    @Inject
    PackageCatalog catalog;

    @Inject
    SourceRegistry sources;

    @Inject
    BackupService backups;

    @Inject
    BatchJobs jobs;

    @Inject
    JobStarter starter;

    @Inject
    DryRun dryRun;

    @Inject
    Gate gate;

    @Inject
    PackageService packages;

    @Inject
    LifeboatSettings settings;

    /**
     * Compares the package with the source and reports what a restore would do; changes nothing. A package of more
     * than {@link LifeboatSettings#dryRunMaxSyncRows()} rows, or any when {@code asJob}, is rehearsed by a
     * {@code dry-run} job instead, so that no request runs for an unbounded time.
     */
    public DryRunResult dryRun(Caller caller, RestoreRequest request, boolean asJob) throws IOException {
        Checked c = check(caller, request, true);
        AuditEvent rehearsal = AuditEvent.of(caller.name(), AuditAction.RESTORE_DRY_RUN).scope(c.mode.toString())
                .target(c.profile.source()).file(c.backup.getFile());
        if (asJob || c.backup.getTotalRows() > settings.dryRunMaxSyncRows()) {
            long executionId = jobs.start(RestoreJobParameters.DRY_RUN_JOB, parameters(c, caller, null).toMap());
            gate.allowed(rehearsal.job(executionId), "dry run job started for package " + c.backup.getId() + " ("
                    + c.backup.getTotalRows() + " rows)");
            return new DryRunResult(c.backup, c.profile.source(), c.mode, null, executionId);
        }
        RestoreReport report;
        try {
            report = dryRun.run(Path.of(c.backup.getFile()), c.profile, c.mode, c.backup.trusted(),
                    request.allowUploadedSchema(), c.otherSource);
        } catch (java.sql.SQLException e) {
            throw new SourceUnavailableException("cannot compare package " + c.backup.getId() + " with source '"
                    + c.profile.source() + "': " + e.getMessage(), e);
        }
        if (report.ok()) {
            gate.allowed(rehearsal, "dry run: no problem");
        } else {
            gate.failed(rehearsal, String.join("; ", report.problems()));
        }
        return new DryRunResult(c.backup, c.profile.source(), c.mode, report, null);
    }

    /** Starts the restore job; returns its execution id. */
    public long start(Caller caller, RestoreRequest request) throws IOException {
        Checked c = check(caller, request, false);
        checkSchema(c);
        RestoreJobParameters parameters = parameters(c, caller, c.mode == RestoreMode.CLEAN ? CONFIRMATION : null);
        boolean schemaAllowed = parameters.allowUploadedSchema();
        return launch(c.event, parameters, "restore job started from package " + c.backup.getId()
                + (schemaAllowed ? "; the schema SQL of this unsigned upload is allowed to run (filtered) if the "
                + "database is empty" : "")
                + (c.otherSource ? "; into source " + c.profile.source() + " from a package of source "
                + c.backup.getSource() : ""));
    }

    /** The job parameters of a checked request (a restore, or the dry-run job, which takes the same). */
    private static RestoreJobParameters parameters(Checked c, Caller caller, String confirm) {
        return new RestoreJobParameters(c.backup.getId(), c.profile.source(), c.mode.toString(), confirm,
                c.request.restoreStorage(), c.request.restoreConfiguration(), false, null,
                c.request.allowUploadedSchema() && !c.backup.trusted(), c.otherSource,
                // kept so that an abandon finds the staging schema even if the profile points elsewhere by then
                c.profile.datasource(), caller.name(), null, null);
    }

    /**
     * Starts the restore job once everything is checked: takes the source's lease (409 when busy, audited as
     * refused) and audits the start with {@code sentence}.
     */
    public long launch(AuditEvent event, RestoreJobParameters parameters, String sentence) {
        return starter.start(event, parameters.source(), RestoreJobParameters.JOB, parameters.toMap(), sentence);
    }

    private record Checked(BackupPackage backup, Profile profile, RestoreMode mode, boolean otherSource,
                           AuditEvent event, RestoreRequest request) {}

    /** Everything that can be refused before a job runs, in the order a person fixes it. */
    private Checked check(Caller caller, RestoreRequest request, boolean rehearsal) throws IOException {
        if (request == null || request.backupId() == null) {
            throw new InvalidRequestException("backupId missing", "send {\"backupId\": <id from GET "
                    + "/lifeboat/api/backups>, \"source\": \"<name>\", \"mode\": \"merge|replace|clean\"}");
        }
        RestoreMode mode = request.mode() == null ? RestoreMode.MERGE : request.mode();
        java.util.Optional<BackupPackage> found = catalog.find(request.backupId()).filter(b -> Permissions.maySee(caller,
                b.getSource(), sources.departmentOf(b.getSource(), b.getScope())));
        String named = request.source() == null || request.source().isBlank() ? null : request.source();
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.RESTORE).scope(mode.toString())
                .target(named != null ? named : found.map(BackupPackage::getSource).orElse(null))
                .file(found.map(BackupPackage::getFile).orElse(null));
        // the role first: a caller who may not restore learns nothing about which packages exist
        gate.check(Permissions.mayRestore(caller, mode), event, rehearsal ? " (so does its dry run)" : "");
        BackupPackage p = found.orElseThrow(() -> new InvalidRequestException("no such backup", "no package with id "
                + request.backupId() + "; GET /lifeboat/api/backups lists them"));
        if (!Files.isRegularFile(Path.of(p.getFile()))) {
            throw gate.refused(event, packages.missing(p)); // e.g. rescanned from a bucket, not fetched yet
        }
        Profile profile = backups.namedSource(named != null ? named : p.getSource());
        if (request.allowUploadedSchema()) {
            gate.check(Permissions.mayRunUploadedSchema(caller), event);
        }
        if (mode == RestoreMode.CLEAN && !rehearsal && !CONFIRMATION.equals(request.confirm())) {
            throw gate.refused(event, new InvalidRequestException("confirmation missing", "a clean restore empties '"
                    + profile.source() + "' and rebuilds it from the package: send \"confirm\": \"" + CONFIRMATION
                    + "\""));
        }
        boolean otherSource = !p.getSource().equals(profile.source());
        if (otherSource && !request.allowOtherSource()) {
            throw gate.refused(event, new InvalidRequestException("wrong source", "package " + p.getId()
                    + " was made from source '" + p.getSource() + "' and is not restored into '" + profile.source()
                    + "' unless a backup-admin asks for it with \"allowOtherSource\": true (the dry run compares "
                    + "the schemas)"));
        }
        if (otherSource) {
            gate.check(Permissions.mayRestoreIntoOtherSource(caller), event);
        }
        if (request.restoreStorage()) {
            // a storage root the profile lacks fails the dry run and the restore alike, before any database work
            try (PackageReader pkg = new PackageReader(Path.of(p.getFile()))) {
                FileRehydrator.checkStorageRoots(pkg.manifest(), profile);
            } catch (RestoreException e) {
                throw gate.refused(event, e);
            }
        }
        return new Checked(p, profile, mode, otherSource, event, request);
    }

    /**
     * An unsigned upload restored into an empty database would run its schema SQL: refused unless allowed, and
     * when allowed, refused if the filter refuses a statement or the confined role is unusable. The restore job
     * checks the same again.
     */
    private void checkSchema(Checked c) throws IOException {
        if (c.backup.trusted() || !emptyDatabase(c.profile)) {
            return;
        }
        try (PackageReader pkg = new PackageReader(Path.of(c.backup.getFile()))) {
            Manifest manifest = pkg.manifest();
            PackageSchema schema = PackageSchema.of(DryRun.schemaSql(pkg, manifest), false,
                    c.request.allowUploadedSchema());
            if (schema.present() && !manifest.tables().isEmpty()) {
                schema.statements(c.profile.source(), c.profile.schemas());
                String unusable = schema.confined() ? confinedRoleProblem(c.profile) : null;
                if (unusable != null) {
                    throw new RestoreException(unusable);
                }
            }
        } catch (RestoreException e) { // 422 "restore refused"
            throw gate.refused(c.event, e);
        }
    }

    /** Why the allowed upload's schema could not run as the confined role on this source, or null. */
    private String confinedRoleProblem(Profile profile) {
        try (java.sql.Connection c = sources.dataSource(profile).getConnection()) {
            return ConfinedSchemaRole.unusable(c);
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
}
