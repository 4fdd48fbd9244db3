package org.etlworkshop.scenario;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic randomness: every generated thing (form i, user i, submission i) gets its own
 * generator derived from the scenario seed and its index, so the output does not depend on the order
 * of generation, the JVM or the platform.
 */
final class SeededRandom {
    static final long FORMS = 1, USERS = 2, SUBMISSIONS = 3, EDITS = 4;

    private SeededRandom() {
    }

    static SplittableRandom of(long seed, long stream, long index) {
        return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * stream) + index));
    }

    /** A version 4 UUID made from the generator's next 128 bits. */
    static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** SplitMix64's finaliser: spreads nearby seeds into unrelated ones. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
