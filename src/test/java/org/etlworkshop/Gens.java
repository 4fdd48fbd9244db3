package org.etlworkshop;

import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Small QuickTheories generator helpers the property tests share. QuickTheories tries the simplest,
 * smallest and largest value of every draw in its first three examples only; these mix chosen
 * values in so they keep turning up in every example.
 */
public final class Gens {
    /** {@code gen}, or null in {@code percentNull} of the draws. */
    public static <T> Gen<T> orNull(Gen<T> gen, int percentNull) {
        Gen<T> none = in -> null;
        return Generate.frequency(List.of(Pair.of(percentNull, none), Pair.of(100 - percentNull, gen)));
    }

    /** {@code gen}, or one of {@code edges} (the extremes a random draw would rarely hit) in one draw of four. */
    @SafeVarargs
    public static <T> Gen<T> withEdges(Gen<T> gen, T... edges) {
        return Generate.frequency(List.of(Pair.of(3, gen), Pair.of(1, Generate.pick(List.of(edges)))));
    }

    /**
     * A value built by plain code from a {@link Random} whose seed QuickTheories draws: for structures
     * too irregular for combinators. A failure shows the value; shrinking it only tries other seeds.
     */
    public static <T> Gen<T> fromRandom(Function<Random, T> build) {
        return longs().all().map(seed -> build.apply(new Random(seed)));
    }

    private Gens() {
    }
}
