package org.lifeboat.audit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;

/**
 * The audit log. Entries are written in a transaction of their own, so a refused or failed action is recorded
 * even though the action itself rolls back.
 */
@Stateless
public class AuditLog {


    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    public static final String GENESIS = "GENESIS";

    /** The outcome of checking the chain: intact, or the first entry whose hash does not hold. */
    public record ChainCheck(boolean intact, long entries, Long brokenAt, String reason) {}

    /** Records one event with its outcome and the sentence saying what happened (or why not). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public AuditEntry record(AuditEvent event, Outcome outcome, String details) {
        return write(event.user(), event.action().name(), event.scope(), event.target(), outcome.name(), event.file(),
                event.jobExecutionId(), details);
    }

    private AuditEntry write(String user, String action, String scope, String target, String status, String fileName,
                             Long jobExecutionId, String details) {
        // one writer at a time extends the chain (a transaction-scoped advisory lock)
        em.createNativeQuery("SELECT pg_advisory_xact_lock(4711001)").getSingleResult();
        String previous = em.createQuery("SELECT a.hash FROM AuditEntry a ORDER BY a.id DESC", String.class)
                .setMaxResults(1).getResultStream().findFirst().orElse(GENESIS);
        AuditEntry entry = new AuditEntry(user == null ? "anonymous" : user, action, scope, target, status, fileName,
                jobExecutionId, details);
        entry.seal(previous == null ? GENESIS : previous);
        em.persist(entry);
        em.flush(); // the id, for the anchor
        long id = entry.getId();
        String hash = entry.getHash();
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    AuditAnchor.advance(id, hash);
                }
            }
        });
        return entry;
    }

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Re-computes every hash in order; an edited, inserted or deleted row breaks the chain at that point. */
    public ChainCheck verifyChain() {
        String previous = GENESIS;
        long count = 0;
        int page = 0;
        while (true) {
            List<AuditEntry> batch = em.createQuery("SELECT a FROM AuditEntry a ORDER BY a.id", AuditEntry.class)
                    .setFirstResult(page * 1000).setMaxResults(1000).getResultList();
            for (AuditEntry e : batch) {
                count++;
                if (!previous.equals(e.getPreviousHash())) {
                    return new ChainCheck(false, count, e.getId(), "entry " + e.getId()
                            + " does not follow its predecessor (a row was deleted, inserted or reordered)");
                }
                if (!e.computeHash(previous).equals(e.getHash())) {
                    return new ChainCheck(false, count, e.getId(), "entry " + e.getId()
                            + " was changed after it was written (its hash no longer matches its content)");
                }
                previous = e.getHash();
            }
            if (batch.size() < 1000) {
                return checkAnchor(count);
            }
            page++;
            em.clear();
        }
    }

    /** The chain holds; it must also still reach the newest entry the server committed (rows cut off). */
    private ChainCheck checkAnchor(long count) {
        java.util.Optional<AuditAnchor.Anchor> anchor;
        try {
            anchor = AuditAnchor.read();
        } catch (java.io.IOException | RuntimeException e) {
            return new ChainCheck(false, count, null, "the audit anchor cannot be read: " + e.getMessage());
        }
        if (anchor.isEmpty()) {
            return new ChainCheck(true, count, null, null);
        }
        AuditEntry anchored = em.find(AuditEntry.class, anchor.get().id());
        if (anchored == null) {
            return new ChainCheck(false, count, anchor.get().id(), "the log ends before entry " + anchor.get().id()
                    + ", the newest this server committed (anchor " + AuditAnchor.file() + "): rows were cut off");
        }
        if (!anchored.getHash().equals(anchor.get().hash())) {
            return new ChainCheck(false, count, anchor.get().id(), "entry " + anchor.get().id()
                    + " is not the entry this server committed (its hash differs from the anchor's)");
        }
        return new ChainCheck(true, count, null, null);
    }

    /** Entries matching the filters (each optional), newest first. */
    public List<AuditEntry> find(String action, String user, Instant from, Instant to, int limit) {
        return find(action, user, null, from, to, limit);
    }

    /** Entries matching the filters (each optional), newest first. */
    public List<AuditEntry> find(String action, String user, String status, Instant from, Instant to, int limit) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM AuditEntry a WHERE 1 = 1");
        if (action != null) {
            jpql.append(" AND a.action = :action");
        }
        if (user != null) {
            jpql.append(" AND a.username = :user");
        }
        if (status != null) {
            jpql.append(" AND a.status = :status");
        }
        if (from != null) {
            jpql.append(" AND a.occurredAt >= :from");
        }
        if (to != null) {
            jpql.append(" AND a.occurredAt < :to");
        }
        jpql.append(" ORDER BY a.id DESC");
        TypedQuery<AuditEntry> q = em.createQuery(jpql.toString(), AuditEntry.class).setMaxResults(limit);
        if (action != null) {
            q.setParameter("action", action);
        }
        if (user != null) {
            q.setParameter("user", user);
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        if (from != null) {
            q.setParameter("from", from);
        }
        if (to != null) {
            q.setParameter("to", to);
        }
        return q.getResultList();
    }
}
