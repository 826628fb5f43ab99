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
 *
 * <p>With a grandfather-father-son schedule ({@link Generations}: keep the newest package of each of the last N
 * days, ISO weeks and months that have one, in UTC, like {@code restic forget --keep-daily/--keep-weekly/
 * --keep-monthly}) a package is kept when any rule keeps it: within {@code keepDays}, among the newest
 * {@code keepCount}, or chosen by a generation. Without one, a package must satisfy both {@code keepDays} and
 * {@code keepCount} to stay, as before.
 */
public final class RetentionRules {

    private RetentionRules() {}

    /** A stored package as retention sees it; {@code verifiedCopy}: it has a VERIFIED copy in a repository. */
    public record Stored(long id, String scope, BackupPackage.Origin origin, Instant cataloguedAt,
                         boolean verifiedCopy) {

        public Stored(long id, String scope, BackupPackage.Origin origin, Instant cataloguedAt) {
            this(id, scope, origin, cataloguedAt, false);
        }

        public static Stored of(BackupPackage p, boolean verifiedCopy) {
            return new Stored(p.getId(), p.getScope(), p.getOrigin(), p.getCataloguedAt(), verifiedCopy);
        }

        boolean madeHere() {
            return origin == BackupPackage.Origin.BACKUP;
        }
    }

    /**
     * Keep the newest package of each of the last {@code daily} days, {@code weekly} ISO weeks and {@code monthly}
     * months that have one (UTC; each null or at least 1).
     */
    public record Generations(Integer daily, Integer weekly, Integer monthly) {

        public static final Generations NONE = new Generations(null, null, null);

        public boolean any() {
            return daily != null || weekly != null || monthly != null;
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            if (daily != null) {
                parts.add(daily + " daily");
            }
            if (weekly != null) {
                parts.add(weekly + " weekly");
            }
            if (monthly != null) {
                parts.add(monthly + " monthly");
            }
            return String.join(", ", parts);
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
        return expired(packages, keepDays, keepCount, Generations.NONE, now);
    }

    /** As {@link #expired(List, Integer, Integer, Instant)}, with a grandfather-father-son schedule. */
    public static List<Expired> expired(List<Stored> packages, Integer keepDays, Integer keepCount,
                                        Generations generations, Instant now) {
        Optional<Stored> lastFull = packages.stream()
                .filter(s -> s.madeHere() && kind(s.scope()) == BackupScope.Kind.FULL).min(NEWEST_FIRST);
        Optional<Stored> lastVerified = packages.stream().filter(Stored::verifiedCopy).min(NEWEST_FIRST);
        Instant oldest = keepDays == null ? null : now.minus(Duration.ofDays(keepDays));
        Map<String, List<Stored>> groups = new LinkedHashMap<>();
        packages.stream().sorted(NEWEST_FIRST).forEach(s -> groups.computeIfAbsent(group(s), g -> new ArrayList<>()).add(s));
        List<Expired> expired = new ArrayList<>();
        groups.forEach((group, members) -> {
            java.util.Set<Long> chosen = generations.any() ? chosen(members, generations) : java.util.Set.of();
            for (int i = 0; i < members.size(); i++) {
                Stored s = members.get(i);
                if (lastFull.isPresent() && lastFull.get().id() == s.id()) {
                    continue; // the last full backup of the source stays, whatever the policy says
                }
                if (lastVerified.isPresent() && lastVerified.get().id() == s.id()) {
                    continue; // so does the newest package with a verified off-site copy: the last proven one
                }
                if (generations.any()) {
                    boolean kept = chosen.contains(s.id()) || (keepCount != null && i < keepCount)
                            || (oldest != null && !s.cataloguedAt().isBefore(oldest));
                    if (!kept) {
                        expired.add(new Expired(s, "not kept by " + generations
                                + (keepCount != null ? ", nor among the newest " + keepCount : "")
                                + (keepDays != null ? ", nor within " + keepDays + " days" : "")
                                + " (" + group + ")"));
                    }
                    continue;
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

    /** The ids a generation keeps: newest first, the first package of each new day, week, month, up to N of each. */
    private static java.util.Set<Long> chosen(List<Stored> newestFirst, Generations g) {
        java.util.Set<Long> keep = new java.util.HashSet<>();
        pick(newestFirst, g.daily(), t -> t.toString(), keep);
        pick(newestFirst, g.weekly(), t -> {
            java.time.LocalDate d = t;
            return d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-W"
                    + d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        }, keep);
        pick(newestFirst, g.monthly(), t -> t.getYear() + "-" + t.getMonthValue(), keep);
        return keep;
    }

    private static void pick(List<Stored> newestFirst, Integer count, java.util.function.Function<java.time.LocalDate,
            String> bucket, java.util.Set<Long> keep) {
        if (count == null) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Stored s : newestFirst) {
            String b = bucket.apply(s.cataloguedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate());
            if (seen.size() >= count && !seen.contains(b)) {
                break;
            }
            if (seen.add(b)) {
                keep.add(s.id());
            }
        }
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
