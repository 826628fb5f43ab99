package org.lifeboat.jobs;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Records why executions failed, in a transaction of its own so the record survives the chunk's rollback. */
@Stateless
public class JobErrors {

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(long jobExecutionId, String step, Throwable failure) {
        em.persist(new JobError(jobExecutionId, step, describe(failure)));
    }

    public Optional<JobError> first(long jobExecutionId) {
        return em.createQuery("SELECT e FROM JobError e WHERE e.jobExecutionId = :id ORDER BY e.id", JobError.class)
                .setParameter("id", jobExecutionId).setMaxResults(1).getResultStream().findFirst();
    }

    /** The message of the failure and of its causes, without repeating a cause already quoted. */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(message);
            }
        }
        return text.toString();
    }
}
