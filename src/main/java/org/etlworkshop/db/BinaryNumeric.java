package org.etlworkshop.db;

import java.math.BigDecimal;

/**
 * PostgreSQL's binary {@code numeric}: the count of base-10000 digits, the weight of the first
 * (its power of 10000), the sign, the display scale, then the digits, each a 16-bit integer.
 * {@code -12345.678} is the digits 1, 2345, 6780 with weight 1, sign 0x4000 and scale 3. Exact for
 * any {@link BigDecimal}: the digits are cut from its decimal text, never through a double.
 */
final class BinaryNumeric {
    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;

    private BinaryNumeric() {
    }

    /** An unsigned 64-bit integer (MySQL's {@code bigint unsigned}), without going through {@link BigDecimal}. */
    static void writeUnsigned(ByteSink out, long value) {
        short[] groups = new short[5]; // 2^64 has 20 digits: five groups of four
        int count = 0;
        for (long rest = value; rest != 0; rest = Long.divideUnsigned(rest, 10_000)) {
            groups[count++] = (short) Long.remainderUnsigned(rest, 10_000);
        }
        int trailingZeros = 0;
        while (trailingZeros < count && groups[trailingZeros] == 0) {
            trailingZeros++;
        }
        int digits = count - trailingZeros;
        out.writeInt(8 + 2 * digits);
        out.writeShort(digits);
        out.writeShort(digits == 0 ? 0 : count - 1);
        out.writeShort(POSITIVE);
        out.writeShort(0);
        for (int g = count - 1; g >= trailingZeros; g--) {
            out.writeShort(groups[g]);
        }
    }

    static void write(ByteSink out, BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        String digits = value.abs().setScale(scale).unscaledValue().toString(); // "12345678" for 12345.678
        int integerDigits = digits.length() - scale;
        // Pad so that the decimal point falls between two groups of four digits.
        int leadingPad = integerDigits > 0 ? (4 - integerDigits % 4) % 4 : 0;
        String fraction = scale > 0 ? digits.substring(Math.max(integerDigits, 0)) : "";
        String fractionPadded = "0".repeat(Math.max(-integerDigits, 0)) + fraction;
        fractionPadded += "0".repeat((4 - fractionPadded.length() % 4) % 4);
        String integer = integerDigits > 0 ? "0".repeat(leadingPad) + digits.substring(0, integerDigits) : "";
        String all = integer + fractionPadded;
        int groups = all.length() / 4;
        int weight = integer.length() / 4 - 1;
        int first = 0, last = groups;
        while (first < last && all.startsWith("0000", first * 4)) { // leading zero groups only lower the weight
            first++;
            weight--;
        }
        while (last > first && all.startsWith("0000", (last - 1) * 4)) { // trailing ones are implied by the scale
            last--;
        }
        int count = last - first;
        out.writeInt(8 + 2 * count);
        out.writeShort(count);
        out.writeShort(count == 0 ? 0 : weight);
        out.writeShort(value.signum() < 0 ? NEGATIVE : POSITIVE);
        out.writeShort(scale);
        for (int g = first; g < last; g++) {
            out.writeShort(Integer.parseInt(all, g * 4, g * 4 + 4, 10));
        }
    }
}
