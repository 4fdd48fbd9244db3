package org.etlworkshop.trust;

import java.util.SplittableRandom;

/**
 * Where the property tests' randomness comes from: a new seed each run (so runs explore), or the
 * one given with {@code -Detl.seed=N} to replay a failure. Every failure message names its seed.
 */
final class Seeds {
    private Seeds() {
    }

    static long base() {
        String given = System.getProperty("etl.seed");
        return given != null ? Long.parseLong(given) : new SplittableRandom().nextLong();
    }

    static String replay(long seed) {
        return "replay with: mvn test -Dtest=<this class> -Detl.seed=" + seed;
    }
}
