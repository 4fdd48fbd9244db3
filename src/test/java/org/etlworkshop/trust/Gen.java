package org.etlworkshop.trust;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A generator of random values for the property tests: a function of a seeded random source, so a
 * failing case is reproduced from the seed the test reports. Combined with {@link #oneOf},
 * {@link #weighted} and {@link #map}.
 */
@FunctionalInterface
interface Gen<T> {
    T next(SplittableRandom random);

    default <R> Gen<R> map(java.util.function.Function<T, R> f) {
        return random -> f.apply(next(random));
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    static <T> Gen<T> oneOf(List<T> values) {
        return random -> values.get(random.nextInt(values.size()));
    }

    static Gen<Long> longs(long min, long max) {
        return random -> random.nextLong(min, max); // max itself is left to the edge cases
    }

    static Gen<Integer> ints(int min, int max) {
        return random -> min + random.nextInt(max - min + 1);
    }

    /** A value of one of {@code gens}, chosen with the weight before it: {@code weighted(3, a, 1, b)}. */
    @SuppressWarnings("unchecked")
    static <T> Gen<T> weighted(Object... weightsAndGens) {
        int total = 0;
        for (int i = 0; i < weightsAndGens.length; i += 2) {
            total += (Integer) weightsAndGens[i];
        }
        int sum = total;
        return random -> {
            int pick = random.nextInt(sum);
            for (int i = 0; ; i += 2) {
                pick -= (Integer) weightsAndGens[i];
                if (pick < 0) {
                    return ((Gen<T>) weightsAndGens[i + 1]).next(random);
                }
            }
        };
    }

    static Gen<String> strings(String alphabet, int maxLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        return random -> {
            StringBuilder out = new StringBuilder();
            for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
                out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            return out.toString();
        };
    }
}
