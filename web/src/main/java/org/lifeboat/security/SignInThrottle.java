package org.lifeboat.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per user AND source address, with a short back-off: after
 * {@value #FREE_ATTEMPTS} failures that user is refused from that address for 30 s, doubling with every further
 * failure up to 15 min. Anyone else (the same user elsewhere, other users here) is not affected, so an anonymous
 * caller cannot lock {@code admin} out. A success clears the count; a backup-admin can list and lift lockouts.
 * Kept in memory: a restart forgets them (it also ends the back-off).
 */
@ApplicationScoped
public class SignInThrottle {

    public static final int FREE_ATTEMPTS = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration LONGEST_LOCK = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    /** One user at one address. */
    public record Key(String user, String address) {}

    /** A current lockout, as the admin sees it. */
    public record Lockout(String user, String address, int failures, String until) {}

    private record Failures(int count, Instant lockedUntil, Instant last) {}

    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public SignInThrottle() {
        this(Clock.systemUTC());
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this user is still refused from this address, or null when it may try. */
    public Duration lockedFor(String user, String address) {
        Failures f = failures.get(new Key(user, address));
        if (f == null || f.lockedUntil() == null) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), f.lockedUntil());
        return left.isNegative() || left.isZero() ? null : left;
    }

    /** Records a failed sign-in; returns the lockout it starts (null while still within the free attempts). */
    public Duration failed(String user, String address) {
        if (failures.size() > MAX_TRACKED) {
            forgetOld();
        }
        Instant now = clock.instant();
        Failures f = failures.merge(new Key(user, address), new Failures(1, null, now), (old, one) -> {
            int count = old.count() + 1;
            Instant until = null;
            if (count >= FREE_ATTEMPTS) {
                long factor = 1L << Math.min(count - FREE_ATTEMPTS, 10);
                Duration lock = FIRST_LOCK.multipliedBy(factor);
                until = now.plus(lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock);
            }
            return new Failures(count, until, now);
        });
        return f.lockedUntil() == null ? null : Duration.between(now, f.lockedUntil());
    }

    public void succeeded(String user, String address) {
        failures.remove(new Key(user, address));
    }

    public List<Lockout> lockouts() {
        Instant now = clock.instant();
        List<Lockout> list = new ArrayList<>();
        failures.forEach((k, f) -> {
            if (f.lockedUntil() != null && f.lockedUntil().isAfter(now)) {
                list.add(new Lockout(k.user(), k.address(), f.count(), f.lockedUntil().toString()));
            }
        });
        list.sort((a, b) -> a.user().compareTo(b.user()));
        return list;
    }

    /** Lifts every lockout of {@code user}; returns how many there were. */
    public int lift(String user) {
        int[] lifted = {0};
        failures.keySet().removeIf(k -> {
            boolean match = k.user().equals(user);
            if (match) {
                lifted[0]++;
            }
            return match;
        });
        return lifted[0];
    }

    private void forgetOld() {
        Instant cutoff = clock.instant().minus(LONGEST_LOCK.multipliedBy(2));
        failures.values().removeIf(f -> f.last().isBefore(cutoff));
    }
}
