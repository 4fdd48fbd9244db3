package org.etlworkshop.model;

import org.etlworkshop.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Timestamptz#text}: read back by the server as the very instant, over PostgreSQL's whole range and at its ends. */
class TimestamptzTextTest {
    /** PostgreSQL's timestamptz range: 4714-11-24 00:00 BC to 294276-12-31 23:59:59.999999, UTC. */
    private static final Instant FIRST = OffsetDateTime.of(-4713, 11, 24, 0, 0, 0, 0, ZoneOffset.UTC).toInstant();
    private static final Instant LAST = OffsetDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC).toInstant();

    @Test
    void theServerReadsTheSameInstantWhateverTheValueAndOffset() throws Exception {
        long seed = Long.getLong("etl.seed", System.nanoTime());
        Random random = new Random(seed);
        List<OffsetDateTime> values = new ArrayList<>(List.of(FIRST.atOffset(ZoneOffset.UTC), LAST.atOffset(ZoneOffset.UTC),
                OffsetDateTime.parse("0000-12-31T23:59:59.999999Z"), OffsetDateTime.parse("0001-01-01T00:00:00Z"),
                OffsetDateTime.parse("1582-10-10T12:00:00Z"), OffsetDateTime.parse("9999-12-31T23:59:59.999999Z")));
        for (int i = 0; i < 500; i++) {
            long second = random.nextLong(FIRST.getEpochSecond(), LAST.getEpochSecond());
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1) / 60 * 60);
            values.add(Instant.ofEpochSecond(second).plus(random.nextInt(1_000_000), ChronoUnit.MICROS).atOffset(offset));
        }
        // the oracle: the same instant as whole days and seconds after 2000-01-01 UTC, added up by the server (pgjdbc's own
        // binding of an OffsetDateTime is no oracle: it moves dates before 4712 BC)
        long y2k = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
        try (Connection c = TestDatabase.connect("postgres");
             PreparedStatement read = c.prepareStatement("SELECT cast(? AS timestamptz) = timestamptz '2000-01-01 00:00:00+00' "
                     + "+ make_interval(days => ?, secs => ?), cast(? AS timestamptz)::text")) {
            c.createStatement().execute("SET TimeZone = 'UTC'"); // a day is 86,400 s
            for (OffsetDateTime value : values) {
                long seconds = value.toEpochSecond() - y2k;
                read.setString(1, Timestamptz.text(value));
                read.setInt(2, Math.toIntExact(Math.floorDiv(seconds, 86_400L)));
                read.setDouble(3, Math.floorMod(seconds, 86_400L) + value.getNano() / 1000 / 1e6);
                read.setString(4, Timestamptz.text(value));
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("seed " + seed + " (replay: -Detl.seed=" + seed + "): " + value + " as "
                            + Timestamptz.text(value) + ", read as " + rs.getString(2)).isTrue();
                }
            }
            try (PreparedStatement text = c.prepareStatement("SELECT cast(? AS timestamptz)::text")) {
                for (OffsetDateTime end : List.of(OffsetDateTime.MIN, OffsetDateTime.MAX)) {
                    text.setString(1, Timestamptz.text(end));
                    try (ResultSet rs = text.executeQuery()) {
                        rs.next();
                        assertThat(rs.getString(1)).isEqualTo(end.equals(OffsetDateTime.MAX) ? "infinity" : "-infinity");
                    }
                }
            }
        }
    }
}
