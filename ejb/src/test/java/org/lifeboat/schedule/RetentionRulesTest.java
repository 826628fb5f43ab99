package org.lifeboat.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lifeboat.catalog.BackupPackage.Origin.BACKUP;
import static org.lifeboat.catalog.BackupPackage.Origin.SIGNED_UPLOAD;
import static org.lifeboat.catalog.BackupPackage.Origin.UPLOAD;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.schedule.RetentionRules.Stored;

class RetentionRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static Stored stored(long id, String scope, BackupPackage.Origin origin, Duration ago) {
        return new Stored(id, scope, origin, NOW.minus(ago));
    }

    private static List<Long> expiredIds(List<Stored> packages, Integer keepDays, Integer keepCount) {
        return RetentionRules.expired(packages, keepDays, keepCount, NOW).stream().map(e -> e.stored().id())
                .sorted().toList();
    }

    @Test
    void uploads_claiming_to_be_newer_do_not_push_out_the_servers_full_backups() {
        // two uploads (whatever createdAt they claim, they were catalogued last) and an operator's small backup
        List<Stored> packages = List.of(
                stored(1, "full", BACKUP, Duration.ofDays(2)),
                stored(2, "full", BACKUP, Duration.ofDays(1)),
                stored(3, "full", UPLOAD, Duration.ofMinutes(30)),
                stored(4, "full", UPLOAD, Duration.ofMinutes(20)),
                stored(5, "tables:users_role", BACKUP, Duration.ofMinutes(10)));
        assertEquals(List.of(1L, 3L), expiredIds(packages, null, 1),
                "keep the newest full backup, the newest upload and the newest tables backup");
    }

    @Test
    void each_scope_keeps_its_own_newest() {
        List<Stored> packages = List.of(
                stored(1, "department:HR", BACKUP, Duration.ofHours(5)),
                stored(2, "department:CT", BACKUP, Duration.ofHours(4)),
                stored(3, "department:HR", BACKUP, Duration.ofHours(3)),
                stored(4, "database", BACKUP, Duration.ofHours(2)),
                stored(5, "tables:b,a", BACKUP, Duration.ofHours(2)),
                stored(6, "tables:a, b", BACKUP, Duration.ofHours(1)));
        assertEquals(List.of(1L, 5L), expiredIds(packages, null, 1), "tables:a,b and tables:b,a are one scope");
    }

    @Test
    void signed_uploads_are_counted_with_the_uploads_not_with_the_servers_backups() {
        List<Stored> packages = List.of(
                stored(1, "database", BACKUP, Duration.ofHours(3)),
                stored(2, "database", SIGNED_UPLOAD, Duration.ofHours(2)),
                stored(3, "database", UPLOAD, Duration.ofHours(1)));
        assertEquals(List.of(2L), expiredIds(packages, null, 1));
    }

    @Test
    void age_is_when_the_package_was_catalogued_and_the_last_full_backup_is_never_deleted() {
        List<Stored> packages = List.of(
                stored(1, "full", BACKUP, Duration.ofDays(40)),
                stored(2, "full", BACKUP, Duration.ofDays(30)),
                stored(3, "database", BACKUP, Duration.ofDays(8)),
                stored(4, "database", BACKUP, Duration.ofDays(6)),
                stored(5, "full", UPLOAD, Duration.ofDays(9)));
        assertEquals(List.of(1L, 3L, 5L), expiredIds(packages, 7, null),
                "the newest full backup stays although it is 30 days old; an old full upload does not");
    }

    @Test
    void the_last_full_backup_stays_even_when_the_count_is_exceeded_by_newer_ones_of_its_group() {
        // keepCount 1 and a newer full backup: the older goes; with keepDays 1 the newest full stays all the same
        List<Stored> packages = List.of(
                stored(1, "full", BACKUP, Duration.ofDays(3)),
                stored(2, "full", BACKUP, Duration.ofDays(2)));
        assertEquals(List.of(1L), expiredIds(packages, 1, 1));
    }

    @Test
    void a_scope_this_server_does_not_know_is_a_group_of_its_own() {
        List<Stored> packages = List.of(
                stored(1, "weird scope", UPLOAD, Duration.ofHours(2)),
                stored(2, "weird scope", UPLOAD, Duration.ofHours(1)),
                stored(3, "database", UPLOAD, Duration.ofHours(3)));
        assertEquals(List.of(1L), expiredIds(packages, null, 1));
    }

    @Test
    void the_reason_names_the_group_or_the_age() {
        List<RetentionRules.Expired> expired = RetentionRules.expired(List.of(
                stored(1, "subsystem:HR1", UPLOAD, Duration.ofDays(2)),
                stored(2, "subsystem:HR1", UPLOAD, Duration.ofDays(1)),
                stored(3, "database", BACKUP, Duration.ofDays(20))), 10, 1, NOW);
        assertEquals("beyond the newest 1 of its group (uploads, subsystem:HR1)", expired.get(0).reason());
        assertEquals("catalogued more than 10 days ago", expired.get(1).reason());
    }

    /** Two database backups a day (02:00 and 14:00 UTC) for the 70 days before NOW, ids 1 (oldest) to 140. */
    private static List<Stored> twiceDailyFor70Days() {
        List<Stored> packages = new java.util.ArrayList<>();
        Instant firstDay = Instant.parse("2026-09-12T02:00:00Z");
        for (int day = 0; day < 70; day++) {
            packages.add(new Stored(packages.size() + 1, "database", BACKUP, firstDay.plus(Duration.ofDays(day))));
            packages.add(new Stored(packages.size() + 1, "database", BACKUP,
                    firstDay.plus(Duration.ofDays(day)).plus(Duration.ofHours(12))));
        }
        return packages;
    }

    private static List<Long> keptIds(List<Stored> packages, Integer keepDays, Integer keepCount,
                                      RetentionRules.Generations generations) {
        java.util.Set<Long> expired = new java.util.HashSet<>();
        RetentionRules.expired(packages, keepDays, keepCount, generations, NOW).forEach(e -> expired.add(e.stored().id()));
        return packages.stream().map(Stored::id).filter(id -> !expired.contains(id)).sorted().toList();
    }

    @Test
    void grandfather_father_son_keeps_the_newest_of_each_of_the_last_days_weeks_and_months() {
        List<Stored> packages = twiceDailyFor70Days();
        // 7 daily: the 14:00 package of each of the last 7 days (ids 140, 138, ... 128)
        assertEquals(List.of(128L, 130L, 132L, 134L, 136L, 138L, 140L),
                keptIds(packages, null, null, new RetentionRules.Generations(7, null, null)));
        // 3 weekly: the newest of this ISO week and of the two before; the last day (2026-11-20) is a Friday, so
        // the weeks before end on Sunday 2026-11-15 (id 130) and Sunday 2026-11-08 (id 116)
        assertEquals(List.of(116L, 130L, 140L),
                keptIds(packages, null, null, new RetentionRules.Generations(null, 3, null)));
        // 3 monthly: the newest of November, October (31st 14:00: id 100) and September (30th 14:00: id 38)
        assertEquals(List.of(38L, 100L, 140L),
                keptIds(packages, null, null, new RetentionRules.Generations(null, null, 3)));
        // together: the union of the three, nothing else
        assertEquals(List.of(38L, 100L, 116L, 128L, 130L, 132L, 134L, 136L, 138L, 140L),
                keptIds(packages, null, null, new RetentionRules.Generations(7, 3, 3)));
    }

    @Test
    void with_generations_a_package_stays_when_any_rule_keeps_it() {
        List<Stored> packages = twiceDailyFor70Days();
        // keepCount 3 keeps 138-140 besides the monthly ones; keepDays 1 keeps what was catalogued in the last 24
        // hours (the 14:00 package of 2026-11-20; its 02:00 one is 34 hours old)
        assertEquals(List.of(38L, 100L, 138L, 139L, 140L),
                keptIds(packages, null, 3, new RetentionRules.Generations(null, null, 3)));
        assertEquals(List.of(38L, 100L, 140L),
                keptIds(packages, 1, null, new RetentionRules.Generations(null, null, 3)));
        // more generations asked for than there are days with a package: all that exist are kept, no error
        assertEquals(List.of(38L, 100L, 140L), keptIds(packages, null, null,
                new RetentionRules.Generations(null, null, 100)), "3 months have a package: those 3 are kept");
    }

    @Test
    void generations_count_per_scope_and_never_remove_the_last_full_backup() {
        List<Stored> packages = new java.util.ArrayList<>(twiceDailyFor70Days());
        packages.add(new Stored(500, "full", BACKUP, Instant.parse("2026-09-01T02:00:00Z")));
        packages.add(new Stored(501, "department:HR", BACKUP, Instant.parse("2026-11-20T03:00:00Z")));
        List<Long> kept = keptIds(packages, null, null, new RetentionRules.Generations(1, null, null));
        assertEquals(List.of(140L, 500L, 501L), kept,
                "the newest of the last day per scope, and the only full backup whatever its age");
    }

    @Test
    void the_newest_package_with_a_verified_offsite_copy_stays_whatever_the_policy_says() {
        List<Stored> packages = new java.util.ArrayList<>();
        packages.add(new Stored(1, "database", BACKUP, NOW.minus(Duration.ofDays(30)), true));
        packages.add(new Stored(2, "database", BACKUP, NOW.minus(Duration.ofDays(20)), true));
        packages.add(new Stored(3, "database", BACKUP, NOW.minus(Duration.ofDays(10)), false));
        packages.add(new Stored(4, "database", BACKUP, NOW.minus(Duration.ofDays(1)), false));
        assertEquals(List.of(2L, 4L), keptIds(packages, null, 1, RetentionRules.Generations.NONE),
                "the newest one, and package 2, the newest whose copy was read back and checked");
        assertEquals(List.of(2L, 3L, 4L), keptIds(packages, 15, null, RetentionRules.Generations.NONE));
    }
}
