package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.batch.BatchJobs;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.BackupJobParameters;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.restore.SchemaCheck;
import org.lifeboat.security.Caller;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.UnknownSourceException;
import org.lifeboat.transfer.ImportTables;
import org.lifeboat.transfer.TableOutsideScopeException;

/**
 * Department and subsystem export and import (the HMS plan). An export is a backup job of that scope whose package
 * the caller then downloads; an import is size-capped, inspected, checked against its target (same source, same
 * department or subsystem, tables that fit the live schema), then merged in one transaction by a restore job that
 * never writes the shared tables. Only a backup-admin or the admin of that department may do either.
 */
@Stateless
public class TransferService {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    /** Where an export job stands: running, done (its file and the name to send it as), or ended without a file. */
    public record ExportState(long executionId, String status, Path file, String fileName, Long backupId,
                              String error) {
        public boolean running() {
            return !List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status);
        }

        public boolean done() {
            return file != null;
        }
    }

    @Inject
    SourceRegistry sources;

    @Inject
    BackupService backups;

    @Inject
    RestoreService restores;

    @Inject
    BatchJobs jobs;


    @Inject
    PackageCatalog catalog;

    @Inject
    PackageIntake intake;

    @Inject
    LifeboatSettings settings;

    @Inject
    Gate gate;

    /** The department or subsystem a path names; an unknown source or scope is a 404. */
    public TransferScope scope(String source, String kind, String id) {
        Profile profile;
        try {
            profile = sources.profile(source);
        } catch (UnknownSourceException e) {
            throw new UnknownResourceException("unknown source", e.getMessage());
        }
        return TransferScope.resolve(profile, kind, id);
    }

    /** Starts the export's backup job; returns its execution id ({@link #export} tells when its file is ready). */
    public long startExport(Caller caller, TransferScope scope) {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.EXPORT).scope(scope.toString())
                .target(scope.profile().source());
        gate.check(scope.permission(caller), event, " (export " + scope + ")");
        return backups.launch(event, scope.profile(), scope.backupScope(),
                BackupJobParameters.of(scope.profile().source(), scope.backupScope().toString(), caller.name()),
                "export job started");
    }

    /**
     * Where the export job {@code executionId} stands, for a caller who may export its scope; once it completed,
     * its file (the download is audited).
     *
     * @throws UnknownResourceException when it is not an export job the caller may see
     */
    public ExportState export(Caller caller, long executionId) {
        BatchJobs.Execution e = jobs.execution(executionId).filter(x -> x.jobName().equals(BackupJobParameters.JOB))
                .orElseThrow(() -> notAnExport(executionId));
        BackupJobParameters p = BackupJobParameters.from(e.parameters());
        TransferScope scope;
        try {
            org.lifeboat.backup.BackupScope s = org.lifeboat.backup.BackupScope.parse(p.scope());
            scope = scope(p.source(), s.kind().name().toLowerCase(java.util.Locale.ROOT), s.argument());
        } catch (RuntimeException notTransfer) {
            throw notAnExport(executionId);
        }
        if (!scope.permission(caller).allowed()) {
            throw notAnExport(executionId);
        }
        String status = e.status();
        if (!"COMPLETED".equals(status)) {
            return new ExportState(executionId, status, null, null, null, jobs.view(executionId).error());
        }
        BackupPackage pkg = catalog.forJobInstance(jobs.view(executionId).instanceId()).orElse(null);
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.EXPORT).scope(scope.toString())
                .target(scope.profile().source()).job(executionId);
        if (pkg == null || !Files.isRegularFile(Path.of(pkg.getFile()))) {
            throw gate.refused(event, new PackageFileMissingException(pkg == null ? -1 : pkg.getId(),
                    pkg == null ? Path.of("(not catalogued)") : Path.of(pkg.getFile())));
        }
        String name = scope.profile().source() + "-" + scope.id() + "-" + STAMP.format(pkg.getCreatedAt())
                + ".lifeboat.tar";
        gate.allowed(event.file(name), "package " + pkg.getId() + " streamed");
        return new ExportState(executionId, status, Path.of(pkg.getFile()), name, pkg.getId(), null);
    }

    private static UnknownResourceException notAnExport(long executionId) {
        return new UnknownResourceException("no such export", "execution " + executionId + " is not an export you "
                + "may download; GET /lifeboat/api/jobs lists the executions");
    }

    /**
     * Takes in an export of {@code scope}, checks it fits, and starts the import job (a merge that never writes the
     * shared tables and refuses any table outside the scope); returns its execution id.
     */
    public long startImport(Caller caller, TransferScope scope, PackageService.Upload upload) throws IOException {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.IMPORT).scope(scope.toString())
                .target(scope.profile().source());
        gate.check(scope.permission(caller), event, " (import " + scope + ")");
        PackageService.Incoming incoming;
        try {
            incoming = upload.open();
        } catch (IOException | RuntimeException e) {
            gate.refused(event, e.getMessage());
            throw e;
        }
        String name = PackageService.named(incoming.fileName(), "import.lifeboat.tar");
        event = event.file(name);
        BackupPackage p;
        try (InputStream in = incoming.content()) { // streamed, never spooled: capped by the intake (413)
            p = intake.accept(in, name, settings.importMaxBytes(), caller.name(), manifest -> fits(scope, manifest));
        } catch (PackageIntake.RefusedException e) {
            throw gate.refused(event, e.refusal());
        } catch (IOException | RuntimeException e) {
            gate.refused(event, e.getMessage());
            throw e;
        }
        RestoreJobParameters parameters = new RestoreJobParameters(p.getId(), scope.profile().source(), "merge", null,
                false, false, true, scope.toString(), false, false, scope.profile().datasource(), caller.name(),
                null, null);
        return restores.launch(event, parameters, "import job started for package " + p.getId());
    }

    /**
     * Same source, same department or subsystem, only tables of that scope (never another subsystem's or a shared
     * one), and tables that fit the live schema.
     */
    private void fits(TransferScope scope, Manifest manifest) {
        if (!manifest.source().equals(scope.profile().source())) {
            throw new InvalidRequestException("wrong source", "the file was exported from source '"
                    + manifest.source() + "', not '" + scope.profile().source() + "'");
        }
        if (!manifest.scope().equals(scope.toString())) {
            throw new InvalidRequestException("wrong scope", "the file was exported from " + manifest.scope()
                    + " and cannot be imported into " + scope + "; import it into its own department or subsystem");
        }
        SchemaCatalog live = sources.catalog(scope.profile());
        try {
            ImportTables.check(scope.profile(), live, scope.backupScope(), manifest);
        } catch (TableOutsideScopeException e) {
            throw new InvalidRequestException("table outside scope", e.getMessage());
        }
        List<org.lifeboat.restore.SchemaDifference> differences = SchemaCheck.differences(manifest, live);
        if (!differences.isEmpty()) {
            throw new InvalidRequestException("schema differs", "the file does not fit the live tables: "
                    + String.join("; ", differences.stream().map(org.lifeboat.restore.SchemaDifference::sentence)
                    .toList()));
        }
    }
}
