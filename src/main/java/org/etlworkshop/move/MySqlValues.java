package org.etlworkshop.move;

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

    /** Text PostgreSQL can store: anything but NUL. */
    static String text(String value) throws Rejected {
        if (value.indexOf('\0') >= 0) {
            throw new Rejected("PostgreSQL text cannot contain the NUL character (U+0000)");
        }
        return value;
    }

    /**
     * JSON that {@code jsonb} accepts: MySQL's JSON may escape NUL ({@code \u0000}) or half a surrogate
     * pair, which jsonb refuses. Escapes are read in order, so {@code \\u0000} (a backslash, then text) passes.
     */
    static String json(String value) throws Rejected {
        for (int i = 0; i < value.length() - 1; i++) {
            if (value.charAt(i) != '\\') {
                continue;
            }
            int code = escapedCode(value, i);
            if (code < 0) {
                i++; // \\" \\\\ \\n ...: the escaped character starts nothing
                continue;
            }
            if (code == 0) {
                throw new Rejected("PostgreSQL jsonb cannot hold \\u0000");
            }
            boolean paired = Character.isHighSurrogate((char) code) && Character.isLowSurrogate((char) escapedCode(value, i + 6));
            if (Character.isSurrogate((char) code) && !paired) {
                throw new Rejected("jsonb refuses half a surrogate pair (\\u" + value.substring(i + 2, i + 6) + ")");
            }
            i += paired ? 11 : 5;
        }
        return value;
    }

    /** The code of a {@code \\uXXXX} escape at {@code at}, or -1 for another escape ({@code \\"}, {@code \\\\}, ...). */
    private static int escapedCode(String json, int at) {
        if (at + 6 > json.length() || json.charAt(at) != '\\' || json.charAt(at + 1) != 'u') {
            return -1;
        }
        try {
            return Integer.parseInt(json, at + 2, at + 6, 16);
        } catch (NumberFormatException e) {
            return -1; // not JSON: the server says why
        }
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
