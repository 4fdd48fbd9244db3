package org.etlworkshop.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator's sample hints, read once here so a bad one is refused when the schema is read, not
 * half-way through a generation: {@code int:MIN-MAX} and {@code decimal:MIN-MAX:SCALE} (either end
 * may be negative: {@code int:-5-5}), {@code choice:a|b|c}, and the named kinds of text and date.
 */
final class SampleHints {
    static final List<String> TEXT_KINDS = List.of("sentence", "given-name", "family-name", "full-name", "phone", "email",
            "city", "medication", "word");
    static final List<String> DATE_KINDS = List.of("birth-date");
    private static final Pattern INT = Pattern.compile("int:(-?[0-9]{1,9})-(-?[0-9]{1,9})");
    private static final Pattern DECIMAL = Pattern.compile("decimal:(-?[0-9]{1,12}(?:\\.[0-9]{1,6})?)-(-?[0-9]{1,12}(?:\\.[0-9]{1,6})?):([0-9])");

    /** An {@code int:} range, inclusive. */
    record IntRange(int min, int max) {
    }

    /** A {@code decimal:} range and the scale its values are written with. */
    record DecimalRange(double min, double max, int scale) {
    }

    private SampleHints() {
    }

    /** Why {@code sample} is not a hint for a question of {@code type}, or null when it is. */
    static String problem(AnswerType type, String sample) {
        return switch (type) {
            case NUMBER -> {
                IntRange ints = intRange(sample);
                DecimalRange decimals = decimalRange(sample);
                if (ints == null && decimals == null) {
                    yield "a number question's sample must be int:MIN-MAX or decimal:MIN-MAX:SCALE";
                }
                boolean ordered = ints != null ? ints.min() <= ints.max() : decimals.min() <= decimals.max();
                yield ordered ? null : "the sample's range is empty (MIN is above MAX)";
            }
            case TEXT -> sample.startsWith("choice:") ? (sample.length() > "choice:".length() ? null : "a choice needs options")
                    : TEXT_KINDS.contains(sample) ? null
                    : "a text question's sample must be choice:a|b|... or one of " + String.join(", ", TEXT_KINDS);
            case DATE -> DATE_KINDS.contains(sample) ? null : "a date question's sample must be one of " + DATE_KINDS;
            case BOOLEAN -> "a boolean question takes no sample";
        };
    }

    static IntRange intRange(String sample) {
        Matcher m = INT.matcher(sample);
        return m.matches() ? new IntRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    static DecimalRange decimalRange(String sample) {
        Matcher m = DECIMAL.matcher(sample);
        return m.matches() ? new DecimalRange(new BigDecimal(m.group(1)).doubleValue(), new BigDecimal(m.group(2)).doubleValue(),
                Integer.parseInt(m.group(3))) : null;
    }
}
