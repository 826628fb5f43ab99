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
}
