package org.lifeboat.catalog;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** The catalog of stored packages (Lifeboat's own database). */
@Stateless
public class PackageCatalog {

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    public BackupPackage record(BackupPackage p) {
        em.persist(p);
        return p;
    }

    public Optional<BackupPackage> find(long id) {
        return Optional.ofNullable(em.find(BackupPackage.class, id));
    }

    public List<BackupPackage> list(String source) {
        return source == null || source.isBlank()
                ? em.createNamedQuery("BackupPackage.all", BackupPackage.class).getResultList()
                : em.createNamedQuery("BackupPackage.bySource", BackupPackage.class)
                        .setParameter("source", source).getResultList();
    }

    /**
     * Removes a package from the catalog and returns its file, which the caller deletes once this transaction
     * has committed (a failed commit then leaves both in place).
     */
    public Optional<String> remove(long id) {
        BackupPackage p = em.find(BackupPackage.class, id);
        if (p == null) {
            return Optional.empty();
        }
        em.remove(p);
        return Optional.of(p.getFile());
    }

    /** A package brought back from a repository: see {@link BackupPackage#fetched}. */
    public BackupPackage fetched(long id, String file, String countsJson, long totalRows, boolean signedHere) {
        BackupPackage p = em.find(BackupPackage.class, id);
        p.fetched(file, countsJson, totalRows, signedHere);
        return p;
    }

    public Optional<BackupPackage> forJobInstance(long jobInstanceId) {
        return em.createNamedQuery("BackupPackage.byJobInstance", BackupPackage.class)
                .setParameter("id", jobInstanceId).getResultStream().findFirst();
    }
}
