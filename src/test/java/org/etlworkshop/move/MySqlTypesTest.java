package org.etlworkshop.move;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type table as docs/moving-data.md shows it, and MySQL's date, time and JSON text read without a server. */
class MySqlTypesTest {

    @Test
    void theDocsShowTheTypeTableTheCodeUses() throws Exception {
        String readme = Files.readString(Path.of("docs/moving-data.md"));
        for (MySqlTypes.Mapping mapping : MySqlTypes.table()) {
            String target = mapping.target().apply(new MySqlTypes.Column("c", "", -1, -2))
                    .replace("(-1,-2)", "(p,s)").replace("(-1)", "(n)");
            String row = "| " + mapping.source() + " | " + target + " | " + mapping.note() + " |";
            assertThat(readme.contains(row)).as("docs/moving-data.md's type table has the row " + row).isTrue();
        }
    }

    @Test
    void timeIsASignedDurationOfUpTo838Hours() {
        assertThat(MySqlValues.timeMicros("-838:59:59.999999")).isEqualTo(-3_020_399_999_999L);
        assertThat(MySqlValues.timeMicros("838:59:59")).isEqualTo(3_020_399_000_000L);
        assertThat(MySqlValues.timeMicros("25:00:00.5")).isEqualTo(90_000_500_000L);
        assertThat(MySqlValues.timeMicros("-00:00:00.000001")).isEqualTo(-1L);
    }

    @Test
    void datesAndTimesAreReadFromTheirText() throws Exception {
        MySqlValues utc = new MySqlValues(ZoneOffset.UTC, false);
        assertThat(utc.date("1582-10-10")).isEqualTo(LocalDate.of(1582, 10, 10)); // java.sql.Date would move it by ten days
        assertThat(utc.date("0000-01-01")).isEqualTo(LocalDate.of(0, 1, 1));
        assertThat(utc.datetime("9999-12-31 23:59:59.999999")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
        assertThat(utc.timestamp("2038-01-19 03:14:07.5")).isEqualTo(Instant.parse("2038-01-19T03:14:07.500Z"));
        assertThat(new MySqlValues(ZoneId.of("America/New_York"), false).datetime("2024-11-03 01:30:00"))
                .as("the first of the two 01:30s of that night").isEqualTo(Instant.parse("2024-11-03T05:30:00Z"));
        assertThatThrownBy(() -> utc.date("2023-02-30")).hasMessageStartingWith("not a day of the calendar");
        assertThat(new MySqlValues(ZoneOffset.UTC, true).datetime("0000-00-00 00:00:00")).isNull();
        assertThat(new MySqlValues(ZoneOffset.UTC, true).date("2020-05-00")).isNull();
    }

    @Test
    void jsonThatJsonbRefusesIsARejectAndEscapedTextIsNot() throws Exception {
        assertThat(json("{\"a\": \"\\ud83d\\ude00\", \"b\": \"\\\\u0000\", \"c\": \"\\\"\\u00e9\"}")).isNotNull();
        assertThatThrownBy(() -> json("[\"\\u0000\"]")).hasMessage("PostgreSQL jsonb cannot hold \\u0000");
        assertThatThrownBy(() -> json("[\"\\ud83d x\"]")).hasMessage("jsonb refuses half a surrogate pair (\\ud83d)");
        assertThatThrownBy(() -> json("[\"\\uDE00\"]")).hasMessage("jsonb refuses half a surrogate pair (\\uDE00)");
        assertThatThrownBy(() -> MySqlValues.text("a\0b".getBytes(StandardCharsets.UTF_8))).hasMessage("PostgreSQL text cannot contain the NUL character (U+0000)");
    }

    private static byte[] json(String text) throws MySqlValues.Rejected {
        return MySqlValues.json(text.getBytes(StandardCharsets.UTF_8));
    }
}
