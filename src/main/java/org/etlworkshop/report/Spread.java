package org.etlworkshop.report;

import java.util.List;

/**
 * The least, the median and the greatest of one figure over several rounds: how far to trust the
 * median a report leads with. The median is the project's one {@link Median}.
 */
public record Spread(double min, double median, double max, int rounds) {

    public static Spread of(List<Double> values) {
        return new Spread(values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                Median.of(values, v -> v), values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), values.size());
    }

    /** {@code "12.1 / 12.5 / 13.9"}, or one value when there was one round. */
    public String format(String format) {
        return rounds == 1 ? String.format(format, median)
                : String.format(format, min) + " / " + String.format(format, median) + " / " + String.format(format, max);
    }

    /** A range of ratios, e.g. {@code "86–94%"}, or one value for one round. */
    public String percentRange() {
        long low = Math.round(100 * min), high = Math.round(100 * max);
        return low == high ? low + "%" : low + "–" + high + "%";
    }
}
