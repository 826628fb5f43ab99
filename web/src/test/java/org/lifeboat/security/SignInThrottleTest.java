package org.lifeboat.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves. */
    static final class Ticking extends Clock {
        Instant now = Instant.parse("2026-12-01T03:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void wrong_passwords_lock_that_user_at_that_address_only_and_back_off_doubles() {
        Ticking clock = new Ticking();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 1; i < SignInThrottle.FREE_ATTEMPTS; i++) {
            assertNull(t.failed("admin", "10.0.0.66"), "attempt " + i + " is still free");
        }
        assertEquals(Duration.ofSeconds(30), t.failed("admin", "10.0.0.66"));
        assertNotNull(t.lockedFor("admin", "10.0.0.66"));
        assertNull(t.lockedFor("admin", "10.0.0.1"), "admin elsewhere is not locked out");
        assertNull(t.lockedFor("operator", "10.0.0.66"), "another user at that address is not locked out");
        assertEquals(Duration.ofSeconds(60), t.failed("admin", "10.0.0.66"));
        for (int i = 0; i < 20; i++) {
            t.failed("admin", "10.0.0.66");
        }
        assertEquals(Duration.ofMinutes(15), t.lockedFor("admin", "10.0.0.66"), "the longest lock is 15 minutes");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertNull(t.lockedFor("admin", "10.0.0.66"), "the lock ends");
    }

    @Test
    void an_admin_sees_and_lifts_lockouts_and_a_success_clears_the_count() {
        SignInThrottle t = new SignInThrottle(new Ticking());
        for (int i = 0; i < SignInThrottle.FREE_ATTEMPTS; i++) {
            t.failed("admin", "10.0.0.66");
        }
        assertEquals(1, t.lockouts().size());
        assertEquals("10.0.0.66", t.lockouts().get(0).address());
        assertEquals(1, t.lift("admin"));
        assertNull(t.lockedFor("admin", "10.0.0.66"));
        for (int i = 0; i < SignInThrottle.FREE_ATTEMPTS - 1; i++) {
            t.failed("hr-admin", "10.0.0.7");
        }
        t.succeeded("hr-admin", "10.0.0.7");
        assertNull(t.failed("hr-admin", "10.0.0.7"), "the count started again after a success");
    }
}
