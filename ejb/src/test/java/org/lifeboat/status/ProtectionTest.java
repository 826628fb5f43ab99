package org.lifeboat.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lifeboat.catalog.BackupPackage.Origin.BACKUP;
import static org.lifeboat.catalog.BackupPackage.Origin.SIGNED_UPLOAD;
import static org.lifeboat.catalog.BackupPackage.Origin.UPLOAD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeboat.status.Protection.Assessment;
import org.lifeboat.status.Protection.Point;
import org.lifeboat.status.Protection.Verdict;

class ProtectionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    private static Point point(long id, String scope, org.lifeboat.catalog.BackupPackage.Origin origin, Duration ago,
                               boolean local, String... copies) {
        return new Point(id, scope, origin, NOW.minus(ago), local, List.of(copies));
    }

    private static Assessment assess(List<Point> points, List<String> configured) {
        return Protection.assess("hms", DAY, points, configured, null, NOW);
    }

    @Test
    void nothing_but_uploads_exports_and_partial_scopes_leaves_a_source_unprotected() {
        Assessment a = assess(List.of(
                point(1, "full", UPLOAD, Duration.ofHours(1), true, "offsite"),
                point(2, "full", SIGNED_UPLOAD, Duration.ofHours(1), true),
                point(3, "department:HR", BACKUP, Duration.ofHours(1), true, "offsite"),
                point(4, "subsystem:CT1", BACKUP, Duration.ofHours(1), true),
                point(5, "tables:users", BACKUP, Duration.ofHours(1), true)), List.of("offsite"));
        assertEquals(Verdict.UNPROTECTED, a.verdict(), a.reason());
        assertTrue(a.reason().startsWith("no full or database backup made by this server can be restored"),
                a.reason());
        assertNull(a.lastGoodBackupId());
    }

    @Test
    void a_backup_whose_file_is_gone_and_that_has_no_copy_does_not_count() {
        Assessment a = assess(List.of(point(1, "database", BACKUP, Duration.ofHours(1), false)), List.of());
        assertEquals(Verdict.UNPROTECTED, a.verdict(), a.reason());
    }

    @Test
    void the_newest_good_backup_older_than_the_objective_is_at_risk_with_its_age() {
        Assessment a = assess(List.of(point(7, "full", BACKUP, Duration.ofHours(30), true, "offsite"),
                point(8, "subsystem:CT1", BACKUP, Duration.ofMinutes(5), true, "offsite")), List.of("offsite"));
        assertEquals(Verdict.AT_RISK, a.verdict(), a.reason());
        assertEquals("the newest good backup, package 7 (full), is 30 h old; the recovery-point objective is 24 h",
                a.reason());
        assertEquals(30 * 3600, a.ageSeconds());
    }

    @Test
    void a_recent_backup_without_an_offsite_copy_is_at_risk_and_says_why() {
        Assessment none = assess(List.of(point(9, "database", BACKUP, Duration.ofHours(2), true)), List.of());
        assertEquals(Verdict.AT_RISK, none.verdict(), none.reason());
        assertTrue(none.reason().endsWith("repositories.yaml copies none of hms's packages"), none.reason());
        Assessment failed = assess(List.of(point(9, "database", BACKUP, Duration.ofHours(2), true)),
                List.of("offsite"));
        assertTrue(failed.reason().endsWith("its copy to offsite is not complete"), failed.reason());
        // a copy of an older backup outside the objective does not make up for it
        Assessment old = assess(List.of(point(9, "database", BACKUP, Duration.ofHours(2), true),
                point(3, "full", BACKUP, Duration.ofDays(3), true, "offsite")), List.of("offsite"));
        assertEquals(Verdict.AT_RISK, old.verdict(), old.reason());
    }

    @Test
    void a_recent_good_backup_with_a_copy_is_protected_also_when_only_the_copy_is_left() {
        Assessment a = assess(List.of(point(11, "full", BACKUP, Duration.ofMinutes(90), false, "offsite")),
                List.of("offsite"));
        assertEquals(Verdict.PROTECTED, a.verdict(), a.reason());
        assertEquals("package 11 (full) is 90 min old (objective 24 h) and copied to offsite", a.reason());
        assertEquals(List.of("offsite"), a.offsiteCopies());
        // the newest not copied yet, an earlier one within the objective is: still protected, and said so
        Assessment b = assess(List.of(point(12, "database", BACKUP, Duration.ofMinutes(10), true),
                point(11, "full", BACKUP, Duration.ofHours(5), true, "offsite")), List.of("offsite"));
        assertEquals(Verdict.PROTECTED, b.verdict(), b.reason());
        assertEquals("package 12 (database) is 10 min old (objective 24 h); package 11 is copied to offsite",
                b.reason());
    }
}
