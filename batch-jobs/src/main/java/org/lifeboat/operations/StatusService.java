package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEntry;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.audit.Outcome;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.catalog.PackageCopies;
import org.lifeboat.catalog.PackageCopy;
import org.lifeboat.repository.Repository;
import org.lifeboat.repository.RepositoryConfigException;
import org.lifeboat.repository.RepositoryRegistry;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;
import org.lifeboat.status.Protection;

/**
 * Protection status of every source: its recovery-point objective, its newest good backup, off-site copies, last
 * verification, and one verdict with its reason ({@link Protection}). Read by the dashboard, {@code GET /status}
 * and {@code lifeboat status}.
 */
@Stateless
public class StatusService {

    /** The status of all sources, worst first; {@code verdict} is the worst of them. */
    public record Status(Protection.Verdict verdict, int atRisk, int unprotected, Instant at,
                         List<Protection.Assessment> sources) {}

    @Inject
    SourceRegistry sources;

    @Inject
    PackageCatalog catalog;

    @Inject
    PackageCopies copies;

    @Inject
    RepositoryRegistry repositories;

    @Inject
    AuditLog audit;

    @Inject
    Gate gate;

    public Status status(Caller caller) {
        gate.check(Permissions.mayReadStatus(caller), AuditEvent.of(caller.name(), AuditAction.STATUS_READ));
        Instant now = Instant.now();
        List<AuditEntry> verified = audit.find(AuditAction.VERIFY.name(), null, Outcome.SUCCESS.name(), null, null,
                1000);
        List<Protection.Assessment> assessed = new ArrayList<>();
        for (Profile profile : sources.profiles()) {
            String source = profile.source();
            List<BackupPackage> packages = catalog.list(source);
            Map<Long, List<PackageCopy>> copiesOf = copies.of(packages.stream().map(BackupPackage::getId).toList());
            Instant lastVerified = null;
            List<Protection.Point> points = new ArrayList<>();
            for (BackupPackage p : packages) {
                List<PackageCopy> list = copiesOf.getOrDefault(p.getId(), List.of());
                List<String> holding = list.stream().filter(PackageCopy::complete).map(PackageCopy::getRepository)
                        .toList();
                points.add(new Protection.Point(p.getId(), p.getScope(), p.getOrigin(), p.getCompletedAt(),
                        Files.isRegularFile(Path.of(p.getFile())), holding));
                for (PackageCopy c : list) {
                    if (c.getState() == PackageCopy.State.VERIFIED) {
                        lastVerified = latest(lastVerified, c.getUpdatedAt());
                    }
                }
            }
            for (AuditEntry e : verified) {
                if (source.equals(e.getTarget()) || String.valueOf(e.getTarget()).startsWith(source + " in ")) {
                    lastVerified = latest(lastVerified, e.getOccurredAt());
                    break; // newest first
                }
            }
            assessed.add(Protection.assess(source, profile.recoveryPointObjective(), points, copiesTo(source),
                    lastVerified, now));
        }
        assessed.sort(Comparator.comparing((Protection.Assessment a) -> a.verdict().ordinal()).reversed()
                .thenComparing(Protection.Assessment::source));
        int atRisk = (int) assessed.stream().filter(a -> a.verdict() == Protection.Verdict.AT_RISK).count();
        int unprotected = (int) assessed.stream().filter(a -> a.verdict() == Protection.Verdict.UNPROTECTED).count();
        Protection.Verdict worst = unprotected > 0 ? Protection.Verdict.UNPROTECTED
                : atRisk > 0 ? Protection.Verdict.AT_RISK : Protection.Verdict.PROTECTED;
        return new Status(worst, atRisk, unprotected, now, assessed);
    }

    private List<String> copiesTo(String source) {
        try {
            return repositories.current().copiesOf(source).stream().map(Repository::name).toList();
        } catch (RepositoryConfigException e) {
            return List.of();
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }
}
