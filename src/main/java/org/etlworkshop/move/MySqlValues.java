package org.etlworkshop.move;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * MySQL's date and time values, read from the text the server sends ({@code 2024-02-29 13:45:00.250000},
 * {@code -838:59:59.000000}), and the checks a value must pass before PostgreSQL can hold it. Read as
 * text, never through {@code java.sql.Date} or {@code Timestamp}: those shift dates before 1582 by
 * days, turn a zero date into null without a word, and know nothing of a TIME of 838 hours.
 *
 * @param zone            how a DATETIME (which has no zone) is read: {@code --source-time-zone}
 * @param zeroDatesAsNull {@code --zero-dates null}; otherwise a zero date is a reject
 */
record MySqlValues(ZoneId zone, boolean zeroDatesAsNull) {

    /** A value PostgreSQL cannot hold, with the reason; the row becomes a reject. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** {@code DATE}: {@code YYYY-MM-DD}; null for a zero date when they load as NULL. */
    LocalDate date(String text) throws Rejected {
        int year = digits(text, 0, 4), month = digits(text, 5, 7), day = digits(text, 8, 10);
        if (month == 0 || day == 0) {
            return zeroDate(text);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new Rejected("not a day of the calendar (MySQL's ALLOW_INVALID_DATES stores such dates)");
        }
    }

    /** {@code DATETIME}: a wall-clock time, read in {@link #zone}. */
    Instant datetime(String text) throws Rejected {
        LocalDateTime local = localDateTime(text);
        if (local == null) {
            return null;
        }
        if (zone instanceof ZoneOffset offset) {
            return local.toInstant(offset);
        }
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            throw new Rejected("this wall-clock time does not exist in " + zone + " (the clocks skipped it)");
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant(); // in an overlap, the earlier of the two
    }

    /** {@code TIMESTAMP}: an instant, sent in UTC (the session's time zone is set to +00:00). */
    Instant timestamp(String text) throws Rejected {
        LocalDateTime utc = localDateTime(text);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** {@code TIME}: a signed duration of up to 838:59:59.999999, in microseconds. */
    static long timeMicros(String text) {
        boolean negative = text.startsWith("-");
        int start = negative ? 1 : 0;
        int colon = text.indexOf(':', start);
        long hours = Long.parseLong(text, start, colon, 10);
        long minutes = digits(text, colon + 1, colon + 3), seconds = digits(text, colon + 4, colon + 6);
        long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + fractionMicros(text, colon + 6);
        return negative ? -micros : micros;
    }

    /**
     * Text PostgreSQL can store: anything but NUL. The value is the UTF-8 the connection sends (utf8mb4,
     * whatever the column's own character set), checked and passed on as it is: decoding it into a
     * String only to encode it back was a third of the transfer's reading.
     */
    static byte[] text(byte[] utf8) throws Rejected {
        for (byte b : utf8) {
            if (b == 0) { // in UTF-8 a zero byte is NUL and nothing else
                throw new Rejected("PostgreSQL text cannot contain the NUL character (U+0000)");
            }
        }
        return utf8;
    }

    /**
     * JSON that {@code jsonb} accepts, as the UTF-8 the connection sends: MySQL's JSON may escape NUL
     * ({@code \u0000}) or half a surrogate pair, which jsonb refuses. Escapes are read in order, so
     * {@code \\u0000} (a backslash, then text) passes. Escapes are ASCII, and in UTF-8 a byte below 0x80
     * is always the ASCII character it looks like, so the bytes are read as they are.
     */
    static byte[] json(byte[] utf8) throws Rejected {
        for (int i = 0; i < utf8.length - 1; i++) {
            if (utf8[i] != '\\') {
                continue;
            }
            int code = escapedCode(utf8, i);
            if (code < 0) {
                i++; // \\" \\\\ \\n ...: the escaped character starts nothing
                continue;
            }
            if (code == 0) {
                throw new Rejected("PostgreSQL jsonb cannot hold \\u0000");
            }
            boolean paired = Character.isHighSurrogate((char) code) && Character.isLowSurrogate((char) escapedCode(utf8, i + 6));
            if (Character.isSurrogate((char) code) && !paired) {
                throw new Rejected("jsonb refuses half a surrogate pair (\\u"
                        + new String(utf8, i + 2, 4, StandardCharsets.US_ASCII) + ")");
            }
            i += paired ? 11 : 5;
        }
        return utf8;
    }

    /** The code of a {@code \\uXXXX} escape at {@code at}, or -1 for another escape ({@code \\"}, {@code \\\\}, ...). */
    private static int escapedCode(byte[] json, int at) {
        if (at + 6 > json.length || json[at] != '\\' || json[at + 1] != 'u') {
            return -1;
        }
        int code = 0;
        for (int i = at + 2; i < at + 6; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                return -1; // not JSON: the server says why
            }
            code = code * 16 + digit;
        }
        return code;
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.ffffff]}; null for a zero date when they load as NULL. */
    private LocalDateTime localDateTime(String text) throws Rejected {
        LocalDate day = date(text);
        if (day == null) {
            return null;
        }
        int hour = digits(text, 11, 13), minute = digits(text, 14, 16), second = digits(text, 17, 19);
        return LocalDateTime.of(day.getYear(), day.getMonth(), day.getDayOfMonth(), hour, minute, second,
                (int) fractionMicros(text, 19) * 1000);
    }

    private <T> T zeroDate(String text) throws Rejected {
        if (zeroDatesAsNull) {
            return null;
        }
        throw new Rejected(text.startsWith("0000-00-00") ? "a zero date, which PostgreSQL has no value for (--zero-dates null loads it as NULL)"
                : "a date with a zero month or day, which PostgreSQL has no value for (--zero-dates null loads it as NULL)");
    }

    /** Microseconds of an optional {@code .f} to {@code .ffffff} at {@code dot}. */
    private static long fractionMicros(String text, int dot) {
        if (dot >= text.length() || text.charAt(dot) != '.') {
            return 0;
        }
        long micros = 0;
        int end = Math.min(text.length(), dot + 7);
        for (int i = dot + 1; i < 7 + dot; i++) {
            micros = micros * 10 + (i < end ? text.charAt(i) - '0' : 0);
        }
        return micros;
    }

    private static int digits(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }
}
