package org.lifeboat.restore;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Finished restores, by job instance. */
@Stateless
public class RestoreRecords {

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    public RestoreRecord record(RestoreRecord r) {
        em.persist(r);
        return r;
    }

    public Optional<RestoreRecord> forJobInstance(long jobInstanceId) {
        return em.createQuery("SELECT r FROM RestoreRecord r WHERE r.jobInstanceId = :id", RestoreRecord.class)
                .setParameter("id", jobInstanceId).getResultStream().findFirst();
    }
}
