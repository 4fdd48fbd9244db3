package org.etlworkshop.model;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A {@code timestamptz} as an {@link Instant}, exact over everything PostgreSQL holds: 4713 BC to
 * 294276 AD (well inside {@code Instant}'s range) at microsecond precision, and its two special
 * values, {@link #INFINITY} ({@code Instant.MAX}) and {@link #MINUS_INFINITY} ({@code Instant.MIN}).
 *
 * <p>Why a converter: Hibernate's default reads an {@code Instant} through {@code java.sql.Timestamp}
 * and a {@code Calendar}, whose Julian calendar moves every date before 1582-10-15 by days and which
 * has no infinity. Converted to {@code OffsetDateTime}, the value goes through pgjdbc's
 * {@code getObject(..., OffsetDateTime.class)} and {@code setObject}: proleptic Gregorian like
 * PostgreSQL, with {@code OffsetDateTime.MAX}/{@code MIN} for {@code ±infinity}. The COPY encoders
 * spell the same values in their formats ({@code CopyTextRow}, {@code CopyBinaryRow}).
 */
@Converter
public final class Timestamptz implements AttributeConverter<Instant, OffsetDateTime> {
    /** PostgreSQL's {@code infinity}: later than every other value. */
    public static final Instant INFINITY = Instant.MAX;
    /** PostgreSQL's {@code -infinity}: earlier than every other value. */
    public static final Instant MINUS_INFINITY = Instant.MIN;
    /**
     * The earliest finite value every processor can write: pgjdbc binds any {@code OffsetDateTime}
     * before 4713-01-01 BC as {@code -infinity}, though PostgreSQL's range starts at 4714-11-24 BC.
     * A submission created in those thirteen months is rejected, with this reason, by every processor.
     */
    public static final Instant EARLIEST_BINDABLE = Instant.parse("-4712-01-01T00:00:00Z");

    @Override
    public OffsetDateTime convertToDatabaseColumn(Instant value) {
        return toOffsetDateTime(value);
    }

    @Override
    public Instant convertToEntityAttribute(OffsetDateTime value) {
        return toInstant(value);
    }

    public static OffsetDateTime toOffsetDateTime(Instant value) {
        if (value == null) {
            return null;
        }
        if (value.equals(INFINITY)) {
            return OffsetDateTime.MAX;
        }
        if (value.equals(MINUS_INFINITY)) {
            return OffsetDateTime.MIN;
        }
        return value.atOffset(ZoneOffset.UTC);
    }

    public static Instant toInstant(OffsetDateTime value) {
        if (value == null) {
            return null;
        }
        if (value.equals(OffsetDateTime.MAX)) {
            return INFINITY;
        }
        if (value.equals(OffsetDateTime.MIN)) {
            return MINUS_INFINITY;
        }
        return value.toInstant();
    }

    /**
     * {@code value} as PostgreSQL spells it, e.g. {@code 2024-03-05 10:11:12.123456+00}, {@code 0044-03-15
     * 12:00:00.000000+00 BC} or {@code infinity}: for a value sent as text and cast by the server, exact over its
     * whole range (Hibernate binds an {@code OffsetDateTime} parameter through {@code java.sql.Timestamp}, which
     * moves dates before 1582 and has no infinity).
     */
    public static String text(OffsetDateTime value) {
        if (value.equals(OffsetDateTime.MAX)) {
            return "infinity";
        }
        if (value.equals(OffsetDateTime.MIN)) {
            return "-infinity";
        }
        OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear(); // ISO year 0 is 1 BC
        return String.format("%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s", year < 1 ? 1 - year : year, utc.getMonthValue(),
                utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(), utc.getNano() / 1000, year < 1 ? " BC" : "");
    }

    /** Why {@code value} cannot be carried through every processor, or null when it can. */
    public static String uncarriable(Instant value) {
        if (value.isBefore(EARLIEST_BINDABLE) && !value.equals(MINUS_INFINITY)) {
            return "its time " + value + " is before 4713-01-01 BC, which pgjdbc would write as -infinity";
        }
        return null;
    }
}
