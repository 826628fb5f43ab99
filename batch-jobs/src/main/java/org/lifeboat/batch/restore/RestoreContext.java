package org.lifeboat.batch.restore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.restore.StagingArea;

/** What the artifacts of one restore job instance share: its package, manifest, staging area and work folder. */
@ApplicationScoped
public class RestoreContext {

    @Inject
    PackageCatalog catalog;

    @Inject
    LifeboatSettings settings;

    private final Map<Long, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<Long, Set<Integer>> direct = new ConcurrentHashMap<>();

    public Path packageFile(long backupId) {
        BackupPackage p = catalog.find(backupId).orElseThrow(() -> new IllegalArgumentException(
                "no package with id " + backupId + " in the catalog"));
        return Path.of(p.getFile());
    }

    /** Whether this server wrote the package (its own backup, or an upload carrying its signature). */
    public boolean trusted(long backupId) {
        return catalog.find(backupId).map(BackupPackage::trusted).orElseThrow(() -> new IllegalArgumentException(
                "no package with id " + backupId + " in the catalog"));
    }

    public Manifest manifest(long jobInstanceId, long backupId) {
        return manifests.computeIfAbsent(jobInstanceId, id -> {
            try (PackageReader pkg = new PackageReader(packageFile(backupId))) {
                return pkg.manifest();
            } catch (IOException e) {
                throw new UncheckedIOException("the package " + backupId + " cannot be read: " + e.getMessage(), e);
            }
        });
    }

    public StagingArea staging(long jobInstanceId) {
        return StagingArea.forJob(jobInstanceId);
    }

    /** Storage and configuration files extracted and checked before they are moved into place. */
    public Path filesFolder(long jobInstanceId) {
        return settings.workDir().resolve("restore-" + jobInstanceId);
    }

    /** Records which package tables this job loads straight into their live tables (see DirectLoad). */
    public void direct(long jobInstanceId, Set<Integer> tables) {
        direct.put(jobInstanceId, Set.copyOf(tables));
    }

    /** The tables this job does not stage; the validate step of every execution sets them. */
    public Set<Integer> direct(long jobInstanceId) {
        Set<Integer> tables = direct.get(jobInstanceId);
        if (tables == null) {
            throw new IllegalStateException("the validate step of restore job " + jobInstanceId + " has not run in "
                    + "this server: restart the job");
        }
        return tables;
    }

    public void forget(long jobInstanceId) {
        manifests.remove(jobInstanceId);
        direct.remove(jobInstanceId);
    }
}
