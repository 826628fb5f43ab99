package org.lifeboat.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.InvalidPackageException;

class PackageIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void a_plausible_creation_time_is_taken_as_claimed() throws Exception {
        assertEquals(Instant.parse("2026-11-21T02:00:00Z"), PackageIntake.claimedCreation("2026-11-21T02:00:00Z", NOW));
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), PackageIntake.claimedCreation("2000-01-01T00:00:00Z", NOW));
        assertEquals(Instant.parse("2026-11-22T11:00:00Z"), PackageIntake.claimedCreation("2026-11-22T11:00:00Z", NOW),
                "another server's clock may run a little ahead");
    }

    @Test
    void a_creation_time_before_2000_or_after_tomorrow_is_refused_as_an_invalid_manifest_field() {
        for (String forged : new String[] {"1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-11-22T12:00:01Z",
                "2027-06-01T00:00:00Z", "2999-01-01T00:00:00Z", "+275760-09-13T00:00:00Z"}) {
            InvalidPackageException e = assertThrows(InvalidPackageException.class,
                    () -> PackageIntake.claimedCreation(forged, NOW), forged);
            assertEquals("manifest-invalid-field", e.reason());
            assertEquals("manifest.json", e.entry());
            assertTrue(e.getMessage().contains(forged) && e.getMessage().contains("2000-01-01"), e.getMessage());
        }
    }

    @Test
    void a_creation_time_that_is_no_instant_is_refused() {
        for (String broken : new String[] {"yesterday", "2026-11-21", null}) {
            InvalidPackageException e = assertThrows(InvalidPackageException.class,
                    () -> PackageIntake.claimedCreation(broken, NOW), String.valueOf(broken));
            assertEquals("manifest-invalid-field", e.reason());
        }
    }
}
