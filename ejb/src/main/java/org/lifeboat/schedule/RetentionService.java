package org.lifeboat.schedule;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.source.SourceRegistry;

/**
 * Keeps each source's packages within its retention policy (default: 7 days), deleting the oldest first by when
 * they were catalogued, counted per group of origin and scope, never the last full backup (see
 * {@link RetentionRules}); every deletion is audited. Applied after every backup and on demand.
 */
@Stateless
public class RetentionService {

    public static final int DEFAULT_KEEP_DAYS = 7;

    @PersistenceContext(unitName = "lifeboat")
    EntityManager em;

    @Inject
    PackageCatalog catalog;

    @Inject
    AuditLog audit;

    @Inject
    SourceRegistry sources;

    public RetentionPolicy policy(String source) {
        RetentionPolicy p = em.find(RetentionPolicy.class, source);
        return p != null ? p : new RetentionPolicy(source, DEFAULT_KEEP_DAYS, null);
    }

    public List<RetentionPolicy> policies() {
        return em.createQuery("SELECT r FROM RetentionPolicy r ORDER BY r.source", RetentionPolicy.class).getResultList();
    }

    public RetentionPolicy set(String source, Integer keepDays, Integer keepCount, String user) {
        return set(source, keepDays, keepCount, RetentionRules.Generations.NONE, user);
    }

    /** Sets the policy (the caller has checked the values: each null or at least 1, not all null). */
    public RetentionPolicy set(String source, Integer keepDays, Integer keepCount,
                               RetentionRules.Generations generations, String user) {
        if ((keepDays != null && keepDays < 1) || (keepCount != null && keepCount < 1)) {
            throw new IllegalArgumentException("keep at least 1 day and at least 1 package (got days=" + keepDays
                    + ", count=" + keepCount + ")");
        }
        if (keepDays == null && keepCount == null && !generations.any()) {
            throw new IllegalArgumentException("give keepDays, keepCount or both: a policy keeping everything "
                    + "forever is no policy");
        }
        sources.profile(source); // no policy for a source this server does not know
        RetentionPolicy p = em.find(RetentionPolicy.class, source);
        if (p == null) {
            p = new RetentionPolicy(source, keepDays, keepCount);
            p.set(keepDays, keepCount, generations);
            em.persist(p);
        } else {
            p.set(keepDays, keepCount, generations);
        }
        audit.record(AuditEvent.of(user, AuditAction.RETENTION_POLICY).target(source), Outcome.SUCCESS,
                "keep " + (keepDays == null ? "any age" : keepDays + " days") + ", "
                        + (keepCount == null ? "any number" : keepCount + " packages")
                        + (generations.any() ? "; and the newest of " + generations : ""));
        return p;
    }

    /**
     * Deletes the packages of a source that its policy no longer keeps (see {@link RetentionRules}); returns their
     * files.
     */
    public List<String> apply(String source, String user) {
        RetentionPolicy p = policy(source);
        Map<Long, BackupPackage> packages = new LinkedHashMap<>();
        catalog.list(source).forEach(b -> packages.put(b.getId(), b));
        List<RetentionRules.Expired> expired = RetentionRules.expired(
                packages.values().stream().map(RetentionRules.Stored::of).toList(), p.getKeepDays(), p.getKeepCount(),
                p.generations(), Instant.now());
        List<String> deleted = new ArrayList<>();
        for (RetentionRules.Expired e : expired) {
            BackupPackage b = packages.get(e.stored().id());
            catalog.remove(b.getId());
            try {
                Files.deleteIfExists(Path.of(b.getFile()));
            } catch (IOException io) {
                audit.record(deletion(user, b, source), Outcome.FAIL, "could not delete the file: " + io.getMessage());
                continue;
            }
            deleted.add(b.getFile());
            audit.record(deletion(user, b, source), Outcome.SUCCESS, "package " + b.getId() + " deleted: " + e.reason());
        }
        return deleted;
    }

    private static AuditEvent deletion(String user, BackupPackage b, String source) {
        return AuditEvent.of(user, AuditAction.RETENTION_DELETE).scope(b.getScope()).target(source).file(b.getFile())
                .job(b.getJobExecutionId());
    }
}
