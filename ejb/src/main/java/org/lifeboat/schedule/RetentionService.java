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
import org.lifeboat.repository.Repository;
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

    @Inject
    org.lifeboat.catalog.PackageCopies copies;

    @Inject
    org.lifeboat.repository.RepositoryRegistry registry;

    /**
     * Deletes the packages of a source that its policy no longer keeps (see {@link RetentionRules}), then the copies
     * each repository with a {@code retention} of its own no longer keeps; returns what was deleted (local files,
     * {@code s3://} objects). A package the local policy lets go that still has a complete copy in a repository
     * loses its local file only and stays a recovery point there; a package with neither a local file nor a copy
     * leaves the catalog.
     */
    public List<String> apply(String source, String user) {
        RetentionPolicy p = policy(source);
        Map<Long, BackupPackage> packages = new LinkedHashMap<>();
        Map<Long, List<org.lifeboat.catalog.PackageCopy>> copiesOf = new LinkedHashMap<>();
        catalog.list(source).forEach(b -> packages.put(b.getId(), b));
        copiesOf.putAll(copies.of(packages.keySet()));
        java.util.Set<Long> verified = new java.util.HashSet<>();
        java.util.Map<Long, List<String>> holding = new java.util.HashMap<>();
        copiesOf.forEach((id, list) -> {
            list.forEach(c -> {
                if (c.getState() == org.lifeboat.catalog.PackageCopy.State.VERIFIED) {
                    verified.add(id);
                }
                if (c.complete()) {
                    holding.computeIfAbsent(id, k -> new ArrayList<>()).add(c.getRepository());
                }
            });
        });
        // the local policy: packages with a file here, and catalog entries that have nothing anywhere
        List<BackupPackage> local = packages.values().stream()
                .filter(b -> Files.isRegularFile(Path.of(b.getFile())) || !holding.containsKey(b.getId())).toList();
        List<RetentionRules.Expired> expired = RetentionRules.expired(
                local.stream().map(b -> RetentionRules.Stored.of(b, verified.contains(b.getId()))).toList(),
                p.getKeepDays(), p.getKeepCount(), p.generations(), Instant.now());
        List<String> deleted = new ArrayList<>();
        for (RetentionRules.Expired e : expired) {
            BackupPackage b = packages.get(e.stored().id());
            List<String> elsewhere = holding.getOrDefault(b.getId(), List.of());
            if (elsewhere.isEmpty()) {
                catalog.remove(b.getId());
            }
            try {
                Files.deleteIfExists(Path.of(b.getFile()));
            } catch (IOException io) {
                audit.record(deletion(user, b, source), Outcome.FAIL, "could not delete the file: " + io.getMessage());
                continue;
            }
            deleted.add(b.getFile());
            audit.record(deletion(user, b, source), Outcome.SUCCESS, elsewhere.isEmpty()
                    ? "package " + b.getId() + " deleted: " + e.reason()
                    : "package " + b.getId() + "'s local file deleted: " + e.reason() + "; it stays a recovery point "
                    + "in repository " + String.join(", ", elsewhere));
        }
        deleted.addAll(applyRepositories(source, user));
        return deleted;
    }

    /** Each s3 repository's own retention over the source's copies in it. */
    private List<String> applyRepositories(String source, String user) {
        org.lifeboat.repository.Repositories repositories;
        try {
            repositories = registry.current();
        } catch (org.lifeboat.repository.RepositoryConfigException e) {
            return List.of(); // the copy step logged it (LIFEBOAT017)
        }
        List<String> deleted = new ArrayList<>();
        // the catalog after the local policy, read once: each repository below deletes only its own copies
        Map<Long, BackupPackage> packages = new LinkedHashMap<>();
        catalog.list(source).forEach(b -> packages.put(b.getId(), b));
        Map<Long, List<org.lifeboat.catalog.PackageCopy>> copiesOf = copies.of(packages.keySet());
        for (org.lifeboat.repository.Repository r : repositories.byName().values()) {
            if (r.kind() != org.lifeboat.repository.Repository.Kind.S3 || r.retention() == null) {
                continue;
            }
            Map<Long, org.lifeboat.catalog.PackageCopy> inRepository = new LinkedHashMap<>();
            copiesOf.forEach((id, list) -> list.stream()
                    .filter(c -> c.getRepository().equals(r.name()) && c.complete())
                    .findFirst().ifPresent(c -> inRepository.put(id, c)));
            Repository.Retention keep = r.retention();
            List<RetentionRules.Expired> expired = RetentionRules.expired(inRepository.keySet().stream()
                            .map(id -> RetentionRules.Stored.of(packages.get(id), inRepository.get(id).getState()
                                    == org.lifeboat.catalog.PackageCopy.State.VERIFIED)).toList(),
                    keep.keepDays(), keep.keepCount(), new RetentionRules.Generations(keep.keepDaily(),
                            keep.keepWeekly(), keep.keepMonthly()), Instant.now());
            if (expired.isEmpty()) {
                continue;
            }
            try (org.lifeboat.repository.S3Store store = new org.lifeboat.repository.S3Store(r)) {
                for (RetentionRules.Expired e : expired) {
                    BackupPackage b = packages.get(e.stored().id());
                    org.lifeboat.catalog.PackageCopy c = inRepository.get(b.getId());
                    AuditEvent event = AuditEvent.of(user, AuditAction.RETENTION_DELETE).scope(b.getScope())
                            .target(source + " in " + r.name()).file(c.getObjectKey()).job(b.getJobExecutionId());
                    try {
                        store.delete(c.getObjectKey());
                        if (c.encrypted()) {
                            store.delete(c.getObjectKey() + org.lifeboat.archive.PackageSidecar.SUFFIX);
                        }
                    } catch (RuntimeException refused) { // e.g. Object Lock: the object stays, and its copy
                        audit.record(event, Outcome.FAIL, "the copy of package " + b.getId() + " in repository "
                                + r.name() + " was not deleted (" + refused.getMessage() + "); it stays");
                        continue;
                    }
                    copies.remove(b.getId(), r.name());
                    deleted.add("s3://" + r.bucket() + "/" + c.getObjectKey());
                    boolean gone = !Files.isRegularFile(Path.of(b.getFile())) && copies.holding(b.getId()).isEmpty();
                    if (gone) {
                        catalog.remove(b.getId());
                    }
                    audit.record(event, Outcome.SUCCESS, "the copy of package " + b.getId() + " in repository "
                            + r.name() + " deleted: " + e.reason() + " (repository retention: " + keep + ")"
                            + (gone ? "; no copy is left anywhere: the package left the catalog" : ""));
                }
            } catch (RuntimeException e) {
                org.lifeboat.logging.LifeboatLog.LOG.retentionFailed(source + " in " + r.name(), e.getMessage());
            }
        }
        return deleted;
    }

    private static AuditEvent deletion(String user, BackupPackage b, String source) {
        return AuditEvent.of(user, AuditAction.RETENTION_DELETE).scope(b.getScope()).target(source).file(b.getFile())
                .job(b.getJobExecutionId());
    }
}
