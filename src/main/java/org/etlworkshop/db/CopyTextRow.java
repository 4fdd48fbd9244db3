package org.etlworkshop.db;

import org.etlworkshop.model.Timestamptz;

import java.time.Instant;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

/**
 * Writes one row in PostgreSQL's COPY text format: fields separated by tab, rows ended by newline,
 * {@code \N} for NULL, and backslash, tab, newline and carriage return escaped with a backslash.
 * Everything else (quotes, commas, accents, CJK, emoji) passes through untouched, as UTF-8; that is
 * why text COPY is simpler to get right than CSV. This is the one place that encoding lives.
 */
public final class CopyTextRow {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ByteSink out;
    private final byte[] scratch = new byte[20];
    private boolean firstField = true;

    CopyTextRow(ByteSink out) {
        this.out = out;
    }

    public CopyTextRow text(String value) {
        separator();
        if (value == null) {
            out.writeAscii("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); ) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.writeAscii("\\\\");
                case '\t' -> out.writeAscii("\\t");
                case '\n' -> out.writeAscii("\\n");
                case '\r' -> out.writeAscii("\\r");
                case '\0' -> throw CopyBinaryRow.nul(value);
                default -> {
                    i += out.writeUtf8(value, i);
                    continue;
                }
            }
            i++;
        }
        return this;
    }

    /** The 36-character form, written digit by digit: {@code UUID.toString()} would allocate a String per field. */
    public CopyTextRow uuid(UUID value) {
        separator();
        long high = value.getMostSignificantBits(), low = value.getLeastSignificantBits();
        hex(high >>> 32, 8);
        out.writeByte('-');
        hex(high >>> 16, 4);
        out.writeByte('-');
        hex(high, 4);
        out.writeByte('-');
        hex(low >>> 48, 4);
        out.writeByte('-');
        hex(low, 12);
        return this;
    }

    /**
     * {@code 2024-03-05 10:11:12.123456+00}, computed from the epoch seconds without allocating (as
     * {@code Instant.toString()} would). Microsecond precision, what timestamptz stores. Every value
     * PostgreSQL holds is spelled its way: years past 9999 with more digits, years before 1 AD with
     * its {@code BC} suffix (there is no year 0: 1 BC is ISO year 0), and {@code ±infinity}.
     */
    public CopyTextRow timestamp(Instant value) {
        separator();
        if (value.equals(Timestamptz.INFINITY)) {
            out.writeAscii("infinity");
            return this;
        }
        if (value.equals(Timestamptz.MINUS_INFINITY)) {
            out.writeAscii("-infinity");
            return this;
        }
        long seconds = value.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, proleptic Gregorian).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        boolean beforeChrist = year < 1;
        long yearOfItsEra = beforeChrist ? 1 - year : year;
        digits(yearOfItsEra, Math.max(4, decimalWidth(yearOfItsEra)));
        out.writeByte('-');
        digits(month, 2);
        out.writeByte('-');
        digits(day, 2);
        out.writeByte(' ');
        digits(secondOfDay / 3600, 2);
        out.writeByte(':');
        digits(secondOfDay / 60 % 60, 2);
        out.writeByte(':');
        digits(secondOfDay % 60, 2);
        out.writeByte('.');
        digits(value.getNano() / 1000, 6);
        out.writeAscii(beforeChrist ? "+00 BC" : "+00");
        return this;
    }

    public CopyTextRow number(long value) {
        separator();
        if (value < 0) {
            out.writeAscii(Long.toString(value));
            return this;
        }
        digits(value, decimalWidth(value));
        return this;
    }

    private static int decimalWidth(long value) {
        int width = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            width++;
        }
        return width;
    }

    /** {@code value} in decimal, zero-padded to {@code width} digits. */
    private void digits(long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            scratch[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        for (int i = 0; i < width; i++) {
            out.writeByte(scratch[i]);
        }
    }

    /** The low {@code width * 4} bits of {@code value} as lower-case hex. */
    private void hex(long value, int width) {
        for (int i = (width - 1) * 4; i >= 0; i -= 4) {
            out.writeByte(HEX[(int) (value >>> i) & 0xF]);
        }
    }

    void end() {
        out.writeByte('\n');
        firstField = true;
    }

    private void separator() {
        if (!firstField) {
            out.writeByte('\t');
        }
        firstField = false;
    }
}
