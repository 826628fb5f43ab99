package org.lifeboat.catalog;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The copies of packages in repositories, one row per package and repository; each change commits on its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PackageCopies {

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    /** The copy of {@code backupId} in {@code repository}, created as pending if there is none yet. */
    public PackageCopy pending(long backupId, String repository, String objectKey) {
        return find(backupId, repository).orElseGet(() -> {
            PackageCopy c = new PackageCopy(backupId, repository, objectKey);
            em.persist(c);
            return c;
        });
    }

    public Optional<PackageCopy> find(long backupId, String repository) {
        return em.createNamedQuery("PackageCopy.one", PackageCopy.class).setParameter("backup", backupId)
                .setParameter("repository", repository).getResultStream().findFirst();
    }

    /** Whether the catalog knows a package under {@code key} in {@code repository}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean known(String repository, String key) {
        return !em.createNamedQuery("PackageCopy.byKey", PackageCopy.class).setParameter("repository", repository)
                .setParameter("key", key).setMaxResults(1).getResultList().isEmpty();
    }

    /**
     * Catalogs a package found in a repository (a rescan) with its copy there, in one transaction;
     * {@code objectSha256} and {@code encryption} null for an unencrypted object.
     */
    public BackupPackage found(BackupPackage p, String repository, String key, long objectBytes,
                               String objectSha256, String encryption) {
        em.persist(p);
        em.flush();
        PackageCopy c = new PackageCopy(p.getId(), repository, key);
        c.set(PackageCopy.State.COPIED, null);
        c.measured(objectBytes, 0);
        c.sealed(objectSha256, encryption);
        em.persist(c);
        return p;
    }

    /**
     * The copies of {@code source}'s other packages in {@code repository} that failed or never finished (a step that
     * stopped in the middle), newest first, at most {@code limit}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PackageCopy> unfinished(String source, String repository, long except, int limit) {
        return em.createNamedQuery("PackageCopy.unfinished", PackageCopy.class).setParameter("source", source)
                .setParameter("repository", repository).setParameter("except", except)
                .setParameter("states", List.of(PackageCopy.State.FAILED, PackageCopy.State.PENDING))
                .setMaxResults(limit).getResultList();
    }

    /** The copy now lives under {@code objectKey} (a re-wrap wrote a new object): COPIED again, as measured. */
    public PackageCopy rekeyed(long backupId, String repository, String objectKey, long bytes, String objectSha256,
                               String encryption) {
        PackageCopy c = mark(backupId, repository, PackageCopy.State.COPIED, null);
        c.rekey(objectKey);
        c.measured(bytes, 0);
        c.sealed(objectSha256, encryption);
        return c;
    }

    /** Forgets the copy of {@code backupId} in {@code repository} (its object was deleted). */
    public void remove(long backupId, String repository) {
        find(backupId, repository).ifPresent(em::remove);
    }

    /** Whether the package has a complete copy (COPIED or VERIFIED) in some repository. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<String> holding(long backupId) {
        return of(backupId).stream().filter(PackageCopy::complete).map(PackageCopy::getRepository).toList();
    }

    public PackageCopy mark(long backupId, String repository, PackageCopy.State state, String reason) {
        PackageCopy c = find(backupId, repository).orElseThrow(() -> new IllegalStateException(
                "package " + backupId + " has no copy in " + repository));
        c.set(state, reason);
        return c;
    }

    public PackageCopy copied(long backupId, String repository, long bytes, long millis) {
        return copied(backupId, repository, bytes, millis, null, null);
    }

    /** Copied, as an object of its own SHA-256 encrypted as {@code encryption} says (both null: as it is). */
    public PackageCopy copied(long backupId, String repository, long bytes, long millis, String objectSha256,
                              String encryption) {
        PackageCopy c = mark(backupId, repository, PackageCopy.State.COPIED, null);
        c.measured(bytes, millis);
        c.sealed(objectSha256, encryption);
        return c;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PackageCopy> of(long backupId) {
        return em.createNamedQuery("PackageCopy.ofBackup", PackageCopy.class).setParameter("backup", backupId)
                .getResultList();
    }

    /** The copies of many packages at once (a list page), by package id. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<Long, List<PackageCopy>> of(Collection<Long> backupIds) {
        Map<Long, List<PackageCopy>> byBackup = new LinkedHashMap<>();
        if (backupIds.isEmpty()) {
            return byBackup;
        }
        for (PackageCopy c : em.createNamedQuery("PackageCopy.ofBackups", PackageCopy.class)
                .setParameter("backups", backupIds).getResultList()) {
            byBackup.computeIfAbsent(c.getBackupId(), k -> new java.util.ArrayList<>()).add(c);
        }
        return byBackup;
    }
}
