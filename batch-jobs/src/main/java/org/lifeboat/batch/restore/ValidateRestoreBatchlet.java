package org.lifeboat.batch.restore;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.ConfinedSchemaRole;
import org.lifeboat.restore.PackageSchema;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.restore.RestoreFailure;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.StagingArea;
import org.lifeboat.source.Profile;
import org.lifeboat.source.CatalogReader;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.source.TableRef;
import org.lifeboat.transfer.ImportTables;

/**
 * Step {@code validate}: before anything is loaded, re-checks every checksum and count of the package, that it
 * belongs to the target source, (clean mode) the typed confirmation, (imports) that it carries only its scope's
 * tables, and (empty database) that its schema SQL may run; then prepares the staging area and records in it
 * which tables skip it. Runs once per job: a restart goes on with the area this step made.
 */
@Named
public class ValidateRestoreBatchlet extends AbstractBatchlet {

    public static final String CONFIRMATION = "RESTORE CLEAN";

    @Inject
    JobContext job;

    @Inject
    RestoreContext context;

    @Inject
    SourceRegistry sources;

    @Override
    public String process() throws Exception {
        RestoreJobParameters p = RestoreContext.parameters(job);
        long id = p.backupId();
        Profile profile = sources.profile(p.source());
        RestoreMode restoreMode = RestoreMode.parse(p.mode());
        if (restoreMode == RestoreMode.CLEAN && !CONFIRMATION.equals(p.confirm())) {
            throw new RestoreFailure.ConfirmationMissing("a clean restore empties the source first: it needs the "
                    + "confirmation \"" + CONFIRMATION + "\" (job parameter confirm)");
        }
        StagingArea staging = context.staging(job.getInstanceId());
        try (Connection c = sources.dataSource(profile).getConnection()) {
            if (staging.applied(c)) {
                // a restart of a job whose apply committed (this step ran again after failing): nothing to check
                return "package " + id + " is applied already; only its files remain to be placed";
            }
        }
        PackageVerifier.Result verified = PackageVerifier.verifyChecksums(context.packageFile(id));
        if (!verified.ok()) {
            throw new RestoreException("package " + id + " is damaged: " + String.join("; ", verified.problems()));
        }
        Manifest manifest = context.manifest(job.getInstanceId(), id);
        if (p.allowOtherSource()) {
            manifest = manifest.withSource(profile.source());
        }
        if (!manifest.source().equals(profile.source())) {
            throw new RestoreFailure.WrongSource(manifest.source(), profile.source(), "package " + id
                    + " was made from source '" + manifest.source() + "' and cannot be restored into '"
                    + profile.source() + "'");
        }
        Set<Integer> direct;
        try (Connection c = sources.dataSource(profile).getConnection()) {
            refuseEarly(c, profile, manifest, id, p);
            if (p.restoreStorage()) {
                org.lifeboat.restore.FileRehydrator.checkStorageRoots(manifest, profile);
            }
            if (staging.exists(c)) {
                direct = staging.directTables(c); // this step failed after creating the area: keep its choice
            } else {
                direct = restoreMode == RestoreMode.CLEAN ? Set.of() : emptyTables(c, manifest);
                c.setAutoCommit(false);
                try {
                    // the choice is kept in the area: the later steps (in any server) read it from there
                    staging.create(c, manifest.tables(), direct);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
        return "package " + id + ": checksums of " + verified.entriesChecked() + " entries verified; " + direct.size()
                + " of " + manifest.tables().size() + " tables empty or missing in the source, copied straight in "
                + "at apply time";
    }

    /**
     * What the apply step would refuse anyway, refused before anything is staged: an import's tables outside its
     * scope, and schema SQL of an unsigned upload that nobody allowed (or that the filter refuses) when the
     * database is empty.
     */
    private void refuseEarly(Connection c, Profile profile, Manifest manifest, long id, RestoreJobParameters p)
            throws Exception {
        SchemaCatalog live = new CatalogReader().read(c, profile.schemas());
        if (p.isImport()) {
            ImportTables.check(profile, live, BackupScope.parse(p.importScope()), manifest);
        }
        if (live.tables().isEmpty() && !manifest.tables().isEmpty()) {
            try (PackageReader pkg = new PackageReader(context.packageFile(id))) {
                PackageSchema schema = PackageSchema.of(DryRun.schemaSql(pkg, manifest), context.trusted(id),
                        p.allowUploadedSchema());
                if (schema.present()) {
                    schema.statements(profile.source(), profile.schemas());
                    String unusable = schema.confined() ? ConfinedSchemaRole.unusable(c) : null;
                    if (unusable != null) {
                        throw new RestoreException(unusable);
                    }
                }
            }
        }
    }

    /**
     * Package tables whose live table is empty or does not exist yet (a database restored from nothing gets its
     * schema from the package at apply time): they skip the staging area.
     */
    static Set<Integer> emptyTables(Connection c, Manifest manifest) throws SQLException {
        Set<Integer> empty = new TreeSet<>();
        for (int i = 0; i < manifest.tables().size(); i++) {
            Manifest.TableEntry t = manifest.tables().get(i);
            String name = new TableRef(t.schema(), t.name()).quoted();
            try (PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        empty.add(i);
                        continue;
                    }
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM "
                         + org.lifeboat.source.Relations.own(c, new TableRef(t.schema(), t.name())) + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    empty.add(i);
                }
            }
        }
        return empty;
    }
}
