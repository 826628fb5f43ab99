package org.lifeboat.progress;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Records and reads per-table progress of jobs. */
@Stateless
public class ProgressTracker {

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    /** Records progress; a negative {@code total} keeps the total already known. */
    public void report(long jobInstanceId, String step, int partition, String table, long done, long total) {
        List<TableProgress> found = em.createQuery("SELECT p FROM TableProgress p WHERE p.jobInstanceId = :i "
                        + "AND p.step = :s AND p.partitionIndex = :p", TableProgress.class)
                .setParameter("i", jobInstanceId).setParameter("s", step).setParameter("p", partition)
                .getResultList();
        TableProgress progress = found.isEmpty() ? new TableProgress(jobInstanceId, step, partition, table)
                : found.get(0);
        progress.update(done, total < 0 ? progress.getTotal() : total);
        if (found.isEmpty()) {
            em.persist(progress);
        }
    }

    public List<TableProgress> forJob(long jobInstanceId) {
        return em.createQuery("SELECT p FROM TableProgress p WHERE p.jobInstanceId = :i "
                        + "ORDER BY p.step, p.partitionIndex", TableProgress.class)
                .setParameter("i", jobInstanceId).getResultList();
    }
}
