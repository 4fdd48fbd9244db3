package org.etlworkshop.db;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyTextRowTest {

    private static String encode(String... values) {
        StringBuilder out = new StringBuilder();
        CopyTextRow row = new CopyTextRow(out);
        for (String value : values) {
            row.text(value);
        }
        row.end();
        return out.toString();
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturnOnly() {
        assertThat(encode("a\\b", "tab\there", "two\nlines", "cr\rlf"))
                .isEqualTo("a\\\\b\ttab\\there\ttwo\\nlines\tcr\\rlf\n");
    }

    @Test
    void keepsQuotesCommasAndNonAsciiAsTheyAre() {
        assertThat(encode("She said \"hi\", then left", "naïve 患者 🤒")).isEqualTo("She said \"hi\", then left\tnaïve 患者 🤒\n");
    }

    @Test
    void writesNullAsBackslashNAndALiteralBackslashNEscaped() {
        assertThat(encode(null, "\\N", "")).isEqualTo("\\N\t\\\\N\t\n");
    }

    @Test
    void refusesTheNulCharacterInsteadOfCorruptingTheRow() {
        assertThatThrownBy(() -> encode("bad\0value")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void writesUuidsTimestampsAndNumbersInFormsPostgresReads() {
        StringBuilder out = new StringBuilder();
        new CopyTextRow(out).uuid(new UUID(1, 2)).timestamp(Instant.parse("2024-03-05T10:11:12.123456Z")).number(42).end();
        assertThat(out).hasToString("00000000-0000-0001-0000-000000000002\t2024-03-05T10:11:12.123456Z\t42\n");
    }
}
