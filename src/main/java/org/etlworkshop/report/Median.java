package org.etlworkshop.report;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The one median of the project: of several measured rounds, the round in the middle by one figure
 * (the lower middle for an even count). A whole round is kept, not a per-figure median, so a run's
 * memory curve, counts and time stay together.
 */
public final class Median {
    private Median() {
    }

    /** The round of median run time: the one the reports show for several rounds of one run. */
    public static Profile byRunTime(List<Profile> rounds) {
        return of(rounds, p -> p.phases().runSeconds());
    }

    public static <T> T of(List<T> rounds, ToDoubleFunction<T> figure) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds to take the median of");
        }
        List<T> sorted = rounds.stream().sorted(Comparator.comparingDouble(figure)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
