package org.lifeboat.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.InvalidScopeException;
import org.lifeboat.catalog.BackupPackage;

/**
 * Which packages of one source a retention policy no longer keeps: the decision alone, no database, no files.
 * A package's age is when this server catalogued it (its manifest's {@code createdAt} is whatever the file
 * claims). The newest {@code keepCount} are kept per group: the server's own backups apart from uploads, and each
 * scope apart ({@code full}, {@code database}, {@code department:HR}, {@code tables:a,b}…), so uploads cannot push
 * backups out, nor a stream of small backups the full ones. The newest full backup made here is never deleted.
 */
public final class RetentionRules {

    private RetentionRules() {}

    /** A stored package as retention sees it. */
    public record Stored(long id, String scope, BackupPackage.Origin origin, Instant cataloguedAt) {

        public static Stored of(BackupPackage p) {
            return new Stored(p.getId(), p.getScope(), p.getOrigin(), p.getCataloguedAt());
        }

        boolean madeHere() {
            return origin == BackupPackage.Origin.BACKUP;
        }
    }

    /** A package the policy no longer keeps, with the sentence the audit log records. */
    public record Expired(Stored stored, String reason) {}

    private static final Comparator<Stored> NEWEST_FIRST =
            Comparator.comparing(Stored::cataloguedAt).thenComparingLong(Stored::id).reversed();

    /**
     * @param keepDays  keep packages catalogued at most this many days ago (null: any age)
     * @param keepCount keep the newest this many of each group (null: any number)
     * @return the packages to delete, oldest last within each group
     */
    public static List<Expired> expired(List<Stored> packages, Integer keepDays, Integer keepCount, Instant now) {
        Optional<Stored> lastFull = packages.stream()
                .filter(s -> s.madeHere() && kind(s.scope()) == BackupScope.Kind.FULL).min(NEWEST_FIRST);
        Instant oldest = keepDays == null ? null : now.minus(Duration.ofDays(keepDays));
        Map<String, List<Stored>> groups = new LinkedHashMap<>();
        packages.stream().sorted(NEWEST_FIRST).forEach(s -> groups.computeIfAbsent(group(s), g -> new ArrayList<>()).add(s));
        List<Expired> expired = new ArrayList<>();
        groups.forEach((group, members) -> {
            for (int i = 0; i < members.size(); i++) {
                Stored s = members.get(i);
                if (lastFull.isPresent() && lastFull.get().id() == s.id()) {
                    continue; // the last full backup of the source stays, whatever the policy says
                }
                if (keepCount != null && i >= keepCount) {
                    expired.add(new Expired(s, "beyond the newest " + keepCount + " of its group (" + group + ")"));
                } else if (oldest != null && s.cataloguedAt().isBefore(oldest)) {
                    expired.add(new Expired(s, "catalogued more than " + keepDays + " days ago"));
                }
            }
        });
        return expired;
    }

    /** {@code backups, full}, {@code uploads, department:HR}, {@code backups, tables:a,b} (tables sorted). */
    static String group(Stored s) {
        return (s.madeHere() ? "backups" : "uploads") + ", " + scopeKey(s.scope());
    }

    private static String scopeKey(String scope) {
        try {
            BackupScope parsed = BackupScope.parse(scope);
            if (parsed.kind() == BackupScope.Kind.TABLES) {
                return "tables:" + String.join(",", new TreeSet<>(parsed.tableNames()));
            }
            return parsed.toString();
        } catch (InvalidScopeException e) {
            return "scope " + scope; // an upload's scope this server does not know: a group of its own
        }
    }

    private static BackupScope.Kind kind(String scope) {
        try {
            return BackupScope.parse(scope).kind();
        } catch (InvalidScopeException e) {
            return null;
        }
    }
}
