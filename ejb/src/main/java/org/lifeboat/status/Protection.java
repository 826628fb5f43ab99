package org.lifeboat.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.InvalidScopeException;
import org.lifeboat.catalog.BackupPackage;

/**
 * Whether a source is protected, in one verdict and one sentence. Only a <em>good</em> backup counts: one this
 * server made (not an upload, not a department or subsystem export) of a {@code full} or {@code database} scope,
 * completed, that can still be restored (its file is here or a repository holds a complete copy).
 *
 * <ul>
 *   <li>{@code UNPROTECTED}: there is no good backup at all.</li>
 *   <li>{@code AT_RISK}: the newest good backup is older than the source's recovery-point objective, or no good
 *       backup within the objective has an off-site copy (the server's own disk is not disaster recovery).</li>
 *   <li>{@code PROTECTED}: a good backup within the objective with a complete off-site copy.</li>
 * </ul>
 */
public final class Protection {

    private Protection() {}

    public enum Verdict { PROTECTED, AT_RISK, UNPROTECTED }

    /** A package as the assessment sees it: where it can be restored from. */
    public record Point(long id, String scope, BackupPackage.Origin origin, Instant completedAt, boolean localFile,
                        List<String> copiedTo) {

        boolean good() {
            return origin == BackupPackage.Origin.BACKUP && completedAt != null && wholeSource(scope)
                    && (localFile || !copiedTo.isEmpty());
        }
    }

    /** The assessment of one source. */
    public record Assessment(String source, Verdict verdict, String reason, Duration rpo, Long lastGoodBackupId,
                             String lastGoodScope, Instant lastGoodBackupAt, Long ageSeconds,
                             List<String> offsiteCopies, Instant lastVerifiedAt, Instant lastDrilledAt) {}

    /**
     * @param copiesConfigured the repositories its packages are copied to (repositories.yaml), for the sentence
     * @param lastVerifiedAt the last successful verify of one of its packages or copies, or null
     */
    public static Assessment assess(String source, Duration rpo, List<Point> points, List<String> copiesConfigured,
                                    Instant lastVerifiedAt, Instant now) {
        List<Point> good = points.stream().filter(Point::good)
                .sorted(Comparator.comparing(Point::completedAt).reversed()).toList();
        if (good.isEmpty()) {
            return new Assessment(source, Verdict.UNPROTECTED, "no full or database backup made by this server can be "
                    + "restored (uploads and department or subsystem exports do not count): back up " + source
                    + " with scope full", rpo, null, null, null, null, List.of(), lastVerifiedAt, null);
        }
        Point newest = good.get(0);
        Duration age = Duration.between(newest.completedAt(), now);
        long ageSeconds = Math.max(0, age.toSeconds());
        String which = "package " + newest.id() + " (" + newest.scope() + ")";
        if (age.compareTo(rpo) > 0) {
            return new Assessment(source, Verdict.AT_RISK, "the newest good backup, " + which + ", is "
                    + human(age) + " old; the recovery-point objective is " + human(rpo), rpo, newest.id(),
                    newest.scope(), newest.completedAt(), ageSeconds, newest.copiedTo(), lastVerifiedAt, null);
        }
        Optional<Point> offsite = good.stream()
                .filter(p -> !p.copiedTo().isEmpty() && Duration.between(p.completedAt(), now).compareTo(rpo) <= 0)
                .findFirst();
        if (offsite.isEmpty()) {
            return new Assessment(source, Verdict.AT_RISK, which + " is " + human(age) + " old, but no good backup "
                    + "within the objective (" + human(rpo) + ") has an off-site copy"
                    + (copiesConfigured.isEmpty() ? ": repositories.yaml copies none of " + source + "'s packages"
                    : ": its copy to " + String.join(", ", copiesConfigured) + " is not complete"),
                    rpo, newest.id(), newest.scope(), newest.completedAt(), ageSeconds, List.of(), lastVerifiedAt,
                    null);
        }
        Point copied = offsite.get();
        return new Assessment(source, Verdict.PROTECTED, which + " is " + human(age) + " old (objective "
                + human(rpo) + ")" + (copied.id() == newest.id() ? " and copied to "
                + String.join(", ", copied.copiedTo()) : "; package " + copied.id() + " is copied to "
                + String.join(", ", copied.copiedTo())), rpo, newest.id(), newest.scope(), newest.completedAt(),
                ageSeconds, copied.copiedTo(), lastVerifiedAt, null);
    }

    /** {@code 45 s}, {@code 12 min}, {@code 5 h 20 min}, {@code 3 d 4 h}. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172800) {
            long h = s / 3600;
            long m = s % 3600 / 60;
            return h + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long days = s / 86400;
        long h = s % 86400 / 3600;
        return days + " d" + (h == 0 ? "" : " " + h + " h");
    }

    private static boolean wholeSource(String scope) {
        try {
            BackupScope.Kind kind = BackupScope.parse(scope).kind();
            return kind == BackupScope.Kind.FULL || kind == BackupScope.Kind.DATABASE;
        } catch (InvalidScopeException e) {
            return false;
        }
    }
}
