package org.lifeboat.restore;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * A restore rehearsed and rolled back: the package is staged into temporary tables and applied in one
 * transaction that is never committed, so the report shows exactly what the restore would insert, update and
 * delete, and every problem it would meet, while nothing changes.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DryRun {

    private static final int CHUNK = 5_000;

    @Inject
    SourceRegistry sources;

    /**
     * @param trusted             the package was written by this server (see BackupPackage#trusted)
     * @param allowUploadedSchema a backup-admin allows an unsigned package's schema SQL for this restore
     */
    public RestoreReport run(Path packageFile, Profile profile, RestoreMode mode, boolean trusted,
                             boolean allowUploadedSchema) throws IOException, SQLException {
        return run(packageFile, profile, mode, trusted, allowUploadedSchema, false);
    }

    /** @param allowOtherSource a backup-admin restores the package into {@code profile}, another source than its own */
    public RestoreReport run(Path packageFile, Profile profile, RestoreMode mode, boolean trusted,
                             boolean allowUploadedSchema, boolean allowOtherSource) throws IOException, SQLException {
        try (PackageReader pkg = new PackageReader(packageFile);
             Connection c = sources.dataSource(profile).getConnection()) {
            Manifest manifest = allowOtherSource ? pkg.manifest().withSource(profile.source()) : pkg.manifest();
            c.setAutoCommit(false);
            try {
                StagingArea staging = StagingArea.temporary();
                staging.create(c, manifest.tables());
                for (int i = 0; i < manifest.tables().size(); i++) {
                    Manifest.TableEntry table = manifest.tables().get(i);
                    try (PackageStager rows = PackageStager.open(pkg, table, 0)) {
                        for (List<String[]> chunk = rows.next(CHUNK); !chunk.isEmpty(); chunk = rows.next(CHUNK)) {
                            staging.load(c, i, table.columns().size(), chunk, rows.line() - chunk.size() + 1);
                        }
                    }
                }
                try {
                    return RestoreEngine.apply(c, profile, manifest, staging, DirectLoad.none(), mode, true,
                            PackageSchema.of(schemaSql(pkg, manifest), trusted, allowUploadedSchema),
                            baselineSql(profile, mode), false, null);
                } catch (SQLException e) { // what the restore would fail on is the dry run's answer, not a 500
                    RestoreReport stopped = new RestoreReport();
                    stopped.problem("the restore would fail: " + e.getMessage());
                    return stopped;
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    public static String schemaSql(PackageReader pkg, Manifest manifest) throws IOException {
        if (manifest.schema() == null || !manifest.schema().included()) {
            return null;
        }
        try (InputStream in = pkg.open(EntryNames.SCHEMA_ENTRY)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static String baselineSql(Profile profile, RestoreMode mode) throws IOException {
        if (mode != RestoreMode.CLEAN || profile.baseline() == null) {
            return null;
        }
        return Files.readString(profile.file().getParent().resolve(profile.baseline()));
    }
}
